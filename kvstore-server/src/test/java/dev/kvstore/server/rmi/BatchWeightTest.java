package dev.kvstore.server.rmi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kvstore.api.protocol.Write;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A batch's weight bounds the bytes its keys and values really take in a frame on the wire. */
class BatchWeightTest {
    @Test
    void everyKindOfCharWeighsAtLeastWhatItsFrameTakesOnTheWire() throws IOException {
        for (String s : List.of("plain ascii", "é", "ключ", "✓ 値", "\u0000", "😀", "mixed é ✓ 😀 \u0000 end")) {
            assertThat(BatchWeight.wireBytes(s)).as(s).isGreaterThanOrEqualTo(frameWireBytes(s));
        }
        assertThat(BatchWeight.wireBytes("plain ascii")).isEqualTo(frameWireBytes("plain ascii"));
    }

    @Test
    void aMessageWeighsItsOverheadPlusItsKeysAndValues() {
        assertThat(BatchWeight.of(List.of(Write.put("k", "ab"), Write.delete("key")), 16)).isEqualTo(16 + 1 + 2 + 3);
    }

    /** What RMI writes for the frame string holding {@code s}'s UTF-8 bytes: modified UTF-8, without the length. */
    private static long frameWireBytes(String s) throws IOException {
        String frame = new String(s.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new DataOutputStream(out).writeUTF(frame);
        return out.size() - 2;
    }
}
