package dev.kvstore.rmi.auth;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Set;

/**
 * The secret every member of a cluster shares: 32 random bytes, kept hex-encoded in a file that
 * only its owner may read. The coordinator creates it on first start; replicas read it.
 */
public final class ClusterSecret {
    /** The file's name in the coordinator's data directory. */
    public static final String FILE_NAME = "cluster.secret";

    private static final int BYTES = 32;
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

    private final byte[] key;

    private ClusterSecret(byte[] key) {
        this.key = key.clone();
    }

    /** Reads the secret from {@code file}, or creates one there, readable by its owner only. */
    public static ClusterSecret loadOrCreate(Path file) throws IOException {
        if (!Files.exists(file)) {
            byte[] fresh = new byte[BYTES];
            new SecureRandom().nextBytes(fresh);
            try {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
                Files.writeString(file, HexFormat.of().formatHex(fresh) + "\n", StandardCharsets.UTF_8);
            } catch (FileAlreadyExistsException raced) {
                // another process created it first: read theirs
            } catch (UnsupportedOperationException notPosix) {
                Files.writeString(file, HexFormat.of().formatHex(fresh) + "\n", StandardCharsets.UTF_8);
            }
        }
        return load(file);
    }

    /** Reads the secret from {@code file}; a missing, unreadable or malformed file is an error naming it. */
    public static ClusterSecret load(Path file) throws IOException {
        String text = Files.readString(file, StandardCharsets.UTF_8).trim();
        byte[] key;
        try {
            key = HexFormat.of().parseHex(text);
        } catch (IllegalArgumentException e) {
            throw new IOException(file + " does not hold a hex cluster secret", e);
        }
        if (key.length < 16) throw new IOException(file + " holds a secret of " + key.length + " bytes; at least 16 are needed");
        return new ClusterSecret(key);
    }

    /** A secret from raw bytes, for tests. */
    public static ClusterSecret of(byte[] key) {
        return new ClusterSecret(key);
    }

    byte[] key() {
        return key.clone();
    }
}
