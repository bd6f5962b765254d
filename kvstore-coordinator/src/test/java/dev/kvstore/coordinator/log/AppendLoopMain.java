package dev.kvstore.coordinator.log;

import dev.kvstore.api.protocol.Decision;
import dev.kvstore.api.protocol.TxId;
import dev.kvstore.api.protocol.Write;
import java.nio.file.Path;
import java.util.List;

/**
 * Child process of {@link RocksDecisionStoreCrashTest}: appends decisions until killed and prints
 * {@code ACK <seq>} after each append returned, i.e. once the decision is acknowledged as durable.
 */
public final class AppendLoopMain {
    private AppendLoopMain() {}

    public static void main(String[] args) {
        RocksDecisionStore store = RocksDecisionStore.open(Path.of(args[0]));
        for (long seq = store.lastSeq() + 1; ; seq++) {
            store.append(List.of(new Decision(seq, new TxId("crash-" + seq),
                    List.of(Write.put("key-" + (seq % 10), "value-" + seq), Write.put("seq-" + seq, "v")))));
            System.out.println("ACK " + seq);
            System.out.flush();
        }
    }
}
