package dev.kvstore.server.rmi;

import dev.kvstore.api.protocol.Write;
import java.util.List;

/** How much of a call's byte budget a batched message takes, for the {@code Batcher}s of both clients. */
final class BatchWeight {
    /** Keeps a batch well under the per-call byte budget (4 MiB by default): the most bytes its keys and values may take on the wire. */
    static final long MAX_BATCH_BYTES = 1024 * 1024;

    private BatchWeight() {}

    /** {@code overhead} for the message's fixed fields, plus the most bytes its keys and values take on the wire. */
    static long of(List<Write> writes, long overhead) {
        long bytes = overhead;
        for (Write w : writes) bytes += wireBytes(w.key()) + (w.isDelete() ? 0 : wireBytes(w.value()));
        return bytes;
    }

    /**
     * At most the bytes {@code s} takes in a frame ({@code Frames}): its UTF-8 bytes, one char each
     * of the frame string, which RMI writes in modified UTF-8, where NUL and every char over 0x7F
     * take two bytes. So ASCII costs 1, NUL 2, a char below 0x800 4, any other char 6 (a surrogate
     * pair, 8 in truth, is counted 12).
     */
    static long wireBytes(String s) {
        long bytes = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            bytes += c == 0 ? 2 : c < 0x80 ? 1 : c < 0x800 ? 4 : 6;
        }
        return bytes;
    }
}
