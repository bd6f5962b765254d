package dev.kvstore.rmi.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

class SeenNoncesTest {
    private static final long WINDOW = 30_000;
    private static final long T = 1_000_000;

    private final SeenNonces nonces = new SeenNonces(WINDOW);

    @Test
    void aCredentialIsSeenForTheFirstTimeOnlyOnce() {
        assertThat(nonces.firstSighting(7, T, T)).isTrue();
        assertThat(nonces.firstSighting(7, T, T + 10)).isFalse();
    }

    @Test
    void theSameNonceUnderAnotherIssueTimeIsAnotherCredential() {
        nonces.firstSighting(7, T, T);

        assertThat(nonces.firstSighting(7, T + WINDOW / 2, T + WINDOW / 2)).isTrue();
    }

    @Test
    void theNonceZeroIsRememberedLikeAnyOther() {
        assertThat(nonces.firstSighting(0, T, T)).isTrue();
        assertThat(nonces.firstSighting(0, T, T)).isFalse();
        assertThat(nonces.size()).isEqualTo(1);
    }

    @Test
    void aNonceIsRememberedForAsLongAsItsCredentialPassesTheTimeCheck() {
        nonces.firstSighting(7, T, T);

        assertThat(nonces.firstSighting(7, T, T + WINDOW)).isFalse();
    }

    @Test
    void aNonceIsForgottenOnceItsCredentialCanNoLongerPassTheTimeCheck() {
        nonces.firstSighting(7, T, T);
        nonces.firstSighting(8, T + 2 * WINDOW, T + 2 * WINDOW);

        assertThat(nonces.size()).isEqualTo(1);
    }

    @Test
    void aCredentialIssuedAheadOfOurClockIsRememberedUntilItsOwnWindowPasses() {
        long issued = T + WINDOW;
        nonces.firstSighting(7, issued, T);

        nonces.firstSighting(8, T + WINDOW + WINDOW / 2, T + WINDOW + WINDOW / 2);
        assertThat(nonces.firstSighting(7, issued, issued + WINDOW)).isFalse();
    }

    @Test
    void aClockThatStepsBackForgetsNothing() {
        nonces.firstSighting(7, T, T);
        long steppedBack = T - 10 * WINDOW;
        nonces.firstSighting(8, steppedBack, steppedBack);

        assertThat(nonces.firstSighting(7, T, T)).isFalse();
    }

    @Test
    void manyNoncesInOneBucketAreAllRemembered() {
        Random random = new Random(7);
        long[] seen = new long[20_000];
        for (int i = 0; i < seen.length; i++) {
            seen[i] = random.nextLong();
            assertThat(nonces.firstSighting(seen[i], T, T)).isTrue();
        }
        for (long nonce : seen) assertThat(nonces.firstSighting(nonce, T, T)).isFalse();
        assertThat(nonces.size()).isEqualTo(seen.length);
    }

    @Test
    void aBucketEmptiedForReuseRemembersOnlyItsNewNonces() {
        nonces.firstSighting(7, T, T);
        long later = T + 3 * WINDOW;
        nonces.firstSighting(8, later, later);

        assertThat(nonces.firstSighting(7, later, later)).isTrue();
        assertThat(nonces.firstSighting(8, later, later)).isFalse();
        assertThat(nonces.size()).isEqualTo(2);
    }
}
