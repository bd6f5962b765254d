package dev.kvstore.server.rmi;

import dev.kvstore.api.protocol.Write;
import java.util.List;

/** How much of a call's byte budget a batched message takes, for the {@code Batcher}s of both clients. */
final class BatchWeight {
    /** Keeps a batch well under the per-call byte budget: its keys' and values' characters, UTF-16 on the wire. */
    static final long MAX_BATCH_CHARS = 1024 * 1024;

    private BatchWeight() {}

    /** {@code overhead} for the message's fixed fields, plus the characters of its keys and values. */
    static long of(List<Write> writes, long overhead) {
        long chars = overhead;
        for (Write w : writes) chars += w.key().length() + (w.isDelete() ? 0 : w.value().length());
        return chars;
    }
}
