package dev.kvstore.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import org.junit.jupiter.api.Test;

/** An abort travels as its outcome alone: no server frames, yet the receiver can still add its own. */
class TransactionAbortedExceptionTest {
    @Test
    void anAbortIsCreatedWithoutTheStackOfTheCodeThatRaisedIt() {
        var aborted = new TransactionAbortedException("1111-ab-7", "key 'k' is locked by another transaction");

        assertThat(aborted.getStackTrace()).isEmpty();
        assertThat(aborted).hasMessage("transaction 1111-ab-7 aborted: key 'k' is locked by another transaction");
    }

    @Test
    void anAbortRoundTripsItsTransactionAndReasonAndTakesTheReceiversFrames() throws Exception {
        var received = (TransactionAbortedException) roundTrip(new TransactionAbortedException("1111-ab-7", "view changed"));

        assertThat(received.txId()).isEqualTo("1111-ab-7");
        assertThat(received.reason()).isEqualTo("view changed");
        StackTraceElement callSite = new StackTraceElement("Caller", "put", "Caller.java", 12);
        received.setStackTrace(new StackTraceElement[] {callSite});
        assertThat(received.getStackTrace()).containsExactly(callSite);
    }

    @Test
    void anAbortOnTheWireIsSmallerThanTheSameErrorWithAStackTrace() throws Exception {
        byte[] abort = serialize(new TransactionAbortedException("1111-ab-7", "view changed"));
        byte[] withFrames = serialize(new KVException("transaction 1111-ab-7 aborted: view changed"));

        assertThat(abort.length).isLessThan(withFrames.length);
    }

    private static Object roundTrip(Object value) throws IOException, ClassNotFoundException {
        try (var in = new ObjectInputStream(new ByteArrayInputStream(serialize(value)))) {
            return in.readObject();
        }
    }

    private static byte[] serialize(Object value) throws IOException {
        var bytes = new ByteArrayOutputStream();
        try (var out = new ObjectOutputStream(bytes)) {
            out.writeObject(value);
        }
        return bytes.toByteArray();
    }
}
