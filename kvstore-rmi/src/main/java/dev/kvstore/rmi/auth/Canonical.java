package dev.kvstore.rmi.auth;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Set;

/**
 * A byte encoding of call arguments that is the same in every JVM: records field by field,
 * sets sorted (their iteration order differs from JVM to JVM), every value tagged and
 * length-prefixed so that no two different argument lists encode alike. Used only as MAC
 * input; nothing is ever decoded from it.
 */
final class Canonical {
    /** Record components looked up once per class: reflection on every call cost a fifth of a replica's CPU. */
    private static final ClassValue<RecordComponent[]> COMPONENTS = new ClassValue<>() {
        @Override
        protected RecordComponent[] computeValue(Class<?> type) {
            RecordComponent[] components = type.getRecordComponents();
            for (RecordComponent c : components) c.getAccessor().setAccessible(true);
            return components;
        }
    };

    private Canonical() {}

    static byte[] encode(Object... values) {
        Buffer out = new Buffer(256);
        writeInt(out, values.length);
        for (Object v : values) write(out, v);
        return out.toByteArray();
    }

    private static void write(Buffer out, Object v) {
        if (v == null) {
            out.write('N');
        } else if (v instanceof String s) {
            out.write('S');
            writeBytes(out, s.getBytes(StandardCharsets.UTF_8));
        } else if (v instanceof Long || v instanceof Integer) {
            out.write('L');
            writeLong(out, ((Number) v).longValue());
        } else if (v instanceof Boolean b) {
            out.write(b ? 'T' : 'F');
        } else if (v instanceof Enum<?> e) {
            out.write('E');
            writeBytes(out, e.name().getBytes(StandardCharsets.UTF_8));
        } else if (v instanceof Set<?> set) {
            List<byte[]> items = new ArrayList<>(set.size());
            for (Object item : set) items.add(encode(item));
            items.sort(Arrays::compare);
            out.write('U');
            writeInt(out, items.size());
            for (byte[] item : items) writeBytes(out, item);
        } else if (v instanceof Collection<?> list) {
            out.write('A');
            writeInt(out, list.size());
            for (Object item : list) write(out, item);
        } else if (v instanceof Record r) {
            out.write('R');
            writeBytes(out, r.getClass().getName().getBytes(StandardCharsets.UTF_8));
            RecordComponent[] components = COMPONENTS.get(r.getClass());
            writeInt(out, components.length);
            for (RecordComponent c : components) write(out, read(r, c));
        } else {
            throw new IllegalArgumentException("no canonical form for " + v.getClass().getName());
        }
    }

    private static Object read(Record r, RecordComponent c) {
        try {
            return c.getAccessor().invoke(r);
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException("cannot read " + c.getName() + " of " + r.getClass().getName(), e);
        }
    }

    private static void writeBytes(Buffer out, byte[] bytes) {
        writeInt(out, bytes.length);
        out.write(bytes, 0, bytes.length);
    }

    private static void writeInt(Buffer out, int v) {
        out.writeInt(v);
    }

    private static void writeLong(Buffer out, long v) {
        out.writeInt((int) (v >>> 32));
        out.writeInt((int) v);
    }

    /**
     * A growable byte array without {@link java.io.ByteArrayOutputStream}'s per-byte locking,
     * which was a third of the coordinator's credential checking.
     */
    private static final class Buffer {
        private byte[] bytes;
        private int size;

        Buffer(int capacity) {
            bytes = new byte[capacity];
        }

        void write(int b) {
            ensure(1);
            bytes[size++] = (byte) b;
        }

        void write(byte[] b, int offset, int length) {
            ensure(length);
            System.arraycopy(b, offset, bytes, size, length);
            size += length;
        }

        void writeInt(int v) {
            ensure(4);
            bytes[size] = (byte) (v >>> 24);
            bytes[size + 1] = (byte) (v >>> 16);
            bytes[size + 2] = (byte) (v >>> 8);
            bytes[size + 3] = (byte) v;
            size += 4;
        }

        byte[] toByteArray() {
            return Arrays.copyOf(bytes, size);
        }

        private void ensure(int more) {
            if (size + more > bytes.length) bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + more));
        }
    }
}
