package dev.kvstore.rmi;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;

/**
 * The client side of RMI reusing a pooled connection, through buffered streams as RMI's own
 * connections use them: a call ({@link #FIRST_CALL}) and its reply ({@link #REPLY}), the reuse
 * ping and its answer, then the next call ({@link #NEXT_CALL}).
 */
final class PooledConnectionReuse {
    static final byte[] FIRST_CALL = {0x50, 1, 2};
    static final byte[] REPLY = {0x51, 9};
    static final byte[] NEXT_CALL = {0x50, 3};

    private PooledConnectionReuse() {}

    /** Runs the exchange; the server must answer the first call with {@link #REPLY}. */
    static void callPingAndCallAgain(Socket client) throws IOException {
        OutputStream out = new BufferedOutputStream(client.getOutputStream());
        InputStream in = new BufferedInputStream(client.getInputStream());
        out.write(FIRST_CALL);
        out.flush();
        assertThat(in.readNBytes(REPLY.length)).isEqualTo(REPLY);

        out.write(ReusePing.PING);
        out.flush();
        assertThat(in.read()).as("the answer to the ping").isEqualTo(ReusePing.PING_ACK);
        out.write(NEXT_CALL);
        out.flush();
    }
}
