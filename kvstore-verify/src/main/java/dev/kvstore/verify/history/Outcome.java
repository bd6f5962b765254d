package dev.kvstore.verify.history;

/**
 * What a client learned about one operation, in Jepsen's terms.
 *
 * <ul>
 *   <li>{@link #OK}: it took effect, with the recorded result;</li>
 *   <li>{@link #FAIL}: it certainly had no effect (aborted, invalid, unavailable before anything
 *       was proposed, or a read that got no answer);</li>
 *   <li>{@link #INFO}: a write whose effect is unknown (timeout, lost connection, outcome unknown):
 *       it may take effect at any time after its invocation, or never.</li>
 * </ul>
 */
public enum Outcome {
    OK,
    FAIL,
    INFO;

    public String jsonName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
