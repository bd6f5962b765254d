package dev.kvstore.server.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The digest hashes the UTF-8 bytes of keys and values without making them; it must equal hashing String.getBytes. */
class VersionedStoreHashTest {
    static List<String> strings() {
        return List.of("", "k1", "plain ascii value", "é", "naïve", "€", "✓ check", "😀", "a😀b",
                "\ud83d", // a lone high surrogate: getBytes gives '?'
                "x\ude00y", // a lone low surrogate
                "\ude00\ud83d", // reversed pair: two lone surrogates
                "\u007f\u0080\u07ff\u0800\uffff");
    }

    @ParameterizedTest
    @MethodSource("strings")
    void hashesTheSameBytesAsGetBytes(String s) {
        Versioned v = new Versioned(s, 42);

        assertThat(VersionedStore.hash(s, v)).isEqualTo(referenceHash(s, v));
    }

    /** The digest as it was computed before: FNV-1a over getBytes(UTF_8). */
    private static long referenceHash(String key, Versioned v) {
        long h = 0xcbf29ce484222325L;
        h = fnv(h, key.getBytes(StandardCharsets.UTF_8));
        h = (h ^ 0xff) * 0x100000001b3L;
        h = fnv(h, v.value().getBytes(StandardCharsets.UTF_8));
        h = (h ^ v.seq()) * 0x100000001b3L;
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        h ^= h >>> 33;
        return h;
    }

    private static long fnv(long h, byte[] bytes) {
        for (byte b : bytes) h = (h ^ (b & 0xff)) * 0x100000001b3L;
        return h;
    }
}
