package dev.kvstore.api.protocol;

import java.io.InvalidObjectException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The write path's calls ({@link Participant#deliver}, {@link Participant#forward},
 * {@link Coordinator#decide}) as RMI
 * carries them: a request is one string, its reply another. Each string holds bytes, one
 * ISO-8859-1 char per byte, so that Java's compact strings copy them as they are.
 *
 * <p>Why strings: RMI opens a fresh object stream for every call, and every object other than
 * a string or a primitive costs a class descriptor to write, then to read, resolve and filter,
 * on every call. With batches travelling as one object per call and direction, that was still
 * about 8 % of a replica's CPU under load. A string carries no descriptor at all, and the
 * deserializer creates nothing from a frame but the string itself.
 *
 * <p>A request frame is the caller's {@link Credential}, then the body that credential signs:
 * an unsigned varint giving the credential's length, the credential, then the body. The MAC is
 * checked over the body's bytes as they arrived, before the body is decoded; messages are then
 * rebuilt through the records' own validating constructors. Malformed bytes fail as
 * {@link InvalidObjectException}, and no count or length is trusted before it is checked.
 */
public final class Frames {
    /** A credential is a few dozen bytes; anything longer is not one. */
    private static final int MAX_CREDENTIAL_BYTES = 1024;

    private Frames() {}

    /** An opened request: who signed it, and the body bytes the signature covers, not yet decoded. */
    public record Request(Credential credential, byte[] body) {}

    /** The body of a deliver call: the bytes its credential signs. */
    public static byte[] body(PeerBatch batch) {
        return MessageWire.of(batch).toBytes();
    }

    /** The body of a decide call: the bytes its credential signs. */
    public static byte[] body(DecideBatch batch) {
        return MessageWire.of(batch).toBytes();
    }

    /** The body of a forward call: the bytes its credential signs. */
    public static byte[] body(ForwardBatch batch) {
        return MessageWire.of(batch).toBytes();
    }

    /** The request frame for {@code body}, signed by {@code credential}. */
    public static String request(Credential credential, byte[] body) {
        byte[] signer = MessageWire.of(credential).toBytes();
        byte[] frame = new byte[varIntSize(signer.length) + signer.length + body.length];
        int at = writeVarInt(frame, signer.length);
        System.arraycopy(signer, 0, frame, at, signer.length);
        System.arraycopy(body, 0, frame, at + signer.length, body.length);
        return asString(frame);
    }

    /** Splits a request frame into its credential and its body, without decoding the body. */
    public static Request openRequest(String frame) throws InvalidObjectException {
        if (frame == null) throw new InvalidObjectException("no frame");
        byte[] bytes = frame.getBytes(StandardCharsets.ISO_8859_1);
        int length = 0;
        int at = 0;
        for (int shift = 0; ; shift += 7) {
            if (at == bytes.length || shift > 14) throw new InvalidObjectException("a frame without a readable credential length");
            byte b = bytes[at++];
            length |= (b & 0x7F) << shift;
            if (b >= 0) break;
        }
        if (length > MAX_CREDENTIAL_BYTES || length > bytes.length - at) {
            throw new InvalidObjectException("a credential of " + length + " bytes in a frame of " + bytes.length);
        }
        Credential credential = decode(Arrays.copyOfRange(bytes, at, at + length), Credential.class);
        return new Request(credential, Arrays.copyOfRange(bytes, at + length, bytes.length));
    }

    /** Decodes the body of a deliver call. */
    public static PeerBatch peerBatch(byte[] body) throws InvalidObjectException {
        return decode(body, PeerBatch.class);
    }

    /** Decodes the body of a decide call. */
    public static DecideBatch decideBatch(byte[] body) throws InvalidObjectException {
        return decode(body, DecideBatch.class);
    }

    /** Decodes the body of a forward call. */
    public static ForwardBatch forwardBatch(byte[] body) throws InvalidObjectException {
        return decode(body, ForwardBatch.class);
    }

    public static String reply(PeerReply reply) {
        return asString(MessageWire.of(reply).toBytes());
    }

    public static String reply(DecideReply reply) {
        return asString(MessageWire.of(reply).toBytes());
    }

    public static String reply(ForwardBatchReply reply) {
        return asString(MessageWire.of(reply).toBytes());
    }

    public static ForwardBatchReply forwardBatchReply(String frame) throws InvalidObjectException {
        return decode(bytesOf(frame), ForwardBatchReply.class);
    }

    public static PeerReply peerReply(String frame) throws InvalidObjectException {
        return decode(bytesOf(frame), PeerReply.class);
    }

    public static DecideReply decideReply(String frame) throws InvalidObjectException {
        return decode(bytesOf(frame), DecideReply.class);
    }

    /** Bytes as a frame string, one ISO-8859-1 char per byte: a copy as it is into a compact string. */
    private static String asString(byte[] bytes) {
        return new String(bytes, StandardCharsets.ISO_8859_1);
    }

    private static byte[] bytesOf(String frame) throws InvalidObjectException {
        if (frame == null) throw new InvalidObjectException("no frame");
        return frame.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static <T> T decode(byte[] bytes, Class<T> type) throws InvalidObjectException {
        Object message = MessageWire.fromBytes(bytes);
        if (!type.isInstance(message)) {
            throw new InvalidObjectException("expected a " + type.getSimpleName() + ", found a " + message.getClass().getSimpleName());
        }
        return type.cast(message);
    }

    private static int varIntSize(int v) {
        int size = 1;
        while ((v >>>= 7) != 0) size++;
        return size;
    }

    private static int writeVarInt(byte[] out, int v) {
        int at = 0;
        while ((v & ~0x7F) != 0) {
            out[at++] = (byte) ((v & 0x7F) | 0x80);
            v >>>= 7;
        }
        out[at++] = (byte) v;
        return at;
    }
}
