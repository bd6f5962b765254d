package dev.kvstore.server.txn;

import dev.kvstore.api.InvalidRequestException;
import dev.kvstore.api.protocol.Write;
import java.util.List;

/**
 * Size limits on keys and values, in UTF-8 bytes. Checked where a request enters a replica, so
 * bad input changes nothing.
 */
public record RequestLimits(int maxKeyBytes, int maxValueBytes) {
    public static final RequestLimits DEFAULT = new RequestLimits(1024, 1024 * 1024);

    public RequestLimits {
        if (maxKeyBytes < 1 || maxValueBytes < 1) throw new IllegalArgumentException("limits are positive");
    }

    public void checkKey(String key) throws InvalidRequestException {
        if (key == null) throw new InvalidRequestException("key is null");
        if (key.isEmpty()) throw new InvalidRequestException("key is empty");
        int bytes = utf8Length(key);
        if (bytes < 0) throw new InvalidRequestException("key is not well-formed Unicode (it has a lone surrogate)");
        if (bytes > maxKeyBytes) {
            throw new InvalidRequestException("key is " + bytes + " bytes in UTF-8; the limit is " + maxKeyBytes);
        }
    }

    public void checkValue(String value) throws InvalidRequestException {
        if (value == null) throw new InvalidRequestException("value is null");
        int bytes = utf8Length(value);
        if (bytes < 0) throw new InvalidRequestException("value is not well-formed Unicode (it has a lone surrogate)");
        if (bytes > maxValueBytes) {
            throw new InvalidRequestException("value is " + bytes + " bytes in UTF-8; the limit is " + maxValueBytes);
        }
    }

    /** Checks every write's key, and the value of every write that is not a delete. */
    public void checkWrites(List<Write> writes) throws InvalidRequestException {
        for (Write w : writes) {
            checkKey(w.key());
            if (!w.isDelete()) checkValue(w.value());
        }
    }

    /**
     * UTF-8 length without encoding: one pass, no allocation, even for a 1 MiB value; -1 for a
     * lone surrogate, which UTF-8 cannot encode (Java would silently store '?').
     */
    static int utf8Length(String s) {
        int bytes = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                bytes += 1;
            } else if (c < 0x800) {
                bytes += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                bytes += 4;
                i++;
            } else if (Character.isSurrogate(c)) {
                return -1;
            } else {
                bytes += 3;
            }
        }
        return bytes;
    }
}
