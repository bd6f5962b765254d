package dev.kvstore.verify.history;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kvstore.api.InvalidRequestException;
import dev.kvstore.api.TransactionAbortedException;
import dev.kvstore.api.UnavailableException;
import dev.kvstore.rmi.CallTimedOutException;
import java.rmi.ConnectException;
import java.rmi.RemoteException;
import org.junit.jupiter.api.Test;

class OutcomeClassifierTest {
    @Test
    void abortedInvalidAndPlainUnavailableWritesHadNoEffect() {
        assertThat(OutcomeClassifier.classify(OpType.PUT, new TransactionAbortedException("tx1", "key locked"))).isEqualTo(Outcome.FAIL);
        assertThat(OutcomeClassifier.classify(OpType.DELETE, new InvalidRequestException("key is empty"))).isEqualTo(Outcome.FAIL);
        assertThat(OutcomeClassifier.classify(OpType.PUT, new UnavailableException("replica is down"))).isEqualTo(Outcome.FAIL);
    }

    @Test
    void writeWithUnknownOutcomeIsIndeterminate() {
        assertThat(OutcomeClassifier.classify(OpType.PUT, new UnavailableException("decide failed", true))).isEqualTo(Outcome.INFO);
    }

    @Test
    void writeThatTimedOutOrLostItsConnectionIsIndeterminate() {
        assertThat(OutcomeClassifier.classify(OpType.PUT, new CallTimedOutException("put did not answer"))).isEqualTo(Outcome.INFO);
        assertThat(OutcomeClassifier.classify(OpType.DELETE, new ConnectException("refused"))).isEqualTo(Outcome.INFO);
        assertThat(OutcomeClassifier.classify(OpType.PUT, new RemoteException("reset"))).isEqualTo(Outcome.INFO);
    }

    @Test
    void unexpectedErrorOnAWriteCountsAsIndeterminate() {
        assertThat(OutcomeClassifier.classify(OpType.PUT, new IllegalStateException("surprise"))).isEqualTo(Outcome.INFO);
    }

    @Test
    void everyFailedReadHadNoEffect() {
        assertThat(OutcomeClassifier.classify(OpType.GET, new CallTimedOutException("get did not answer"))).isEqualTo(Outcome.FAIL);
        assertThat(OutcomeClassifier.classify(OpType.GET, new UnavailableException("no lease", true))).isEqualTo(Outcome.FAIL);
    }

    @Test
    void switchesReplicaUnlessTheErrorIsAboutTheRequest() {
        assertThat(OutcomeClassifier.shouldSwitchReplica(new TransactionAbortedException("tx", "conflict"))).isFalse();
        assertThat(OutcomeClassifier.shouldSwitchReplica(new InvalidRequestException("bad"))).isFalse();
        assertThat(OutcomeClassifier.shouldSwitchReplica(new UnavailableException("down"))).isTrue();
        assertThat(OutcomeClassifier.shouldSwitchReplica(new RemoteException("gone"))).isTrue();
    }
}
