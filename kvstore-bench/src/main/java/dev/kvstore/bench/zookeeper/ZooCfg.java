package dev.kvstore.bench.zookeeper;

import java.nio.file.Path;
import java.util.List;

/**
 * The {@code zoo.cfg} of one server of a loopback ensemble. ZooKeeper's shipped defaults are kept
 * where they bear on performance (fsync of every log write, tick, limits); what is changed is only
 * what a benchmark on one machine needs: loopback addresses, no admin server, no four-letter words,
 * no per-address connection cap. Pure: renders text, writes nothing.
 */
public final class ZooCfg {
    private ZooCfg() {}

    /**
     * The configuration of server {@code myid} (1-based) of the ensemble {@code servers}, where
     * {@code servers.get(i)} is server {@code i + 1}, with its snapshots and log under {@code dataDir}.
     */
    public static String render(int myid, Path dataDir, List<ServerPorts> servers) {
        if (myid < 1 || myid > servers.size()) {
            throw new IllegalArgumentException("myid " + myid + " is not a server of this " + servers.size() + "-server ensemble");
        }
        StringBuilder cfg = new StringBuilder()
                .append("# Written by kvstore-bench: server ").append(myid).append(" of ").append(servers.size()).append('\n')
                .append("tickTime=2000\n")
                .append("initLimit=10\n")
                .append("syncLimit=5\n")
                .append("dataDir=").append(dataDir.toAbsolutePath()).append('\n')
                .append("clientPort=").append(servers.get(myid - 1).client()).append('\n')
                .append("clientPortAddress=127.0.0.1\n")
                .append("# Every transaction log write is fsync'd before it is acknowledged, as shipped.\n")
                .append("forceSync=yes\n")
                .append("admin.enableServer=false\n")
                .append("# No four-letter words (ZooKeeper itself always keeps 'srvr').\n")
                .append("4lw.commands.whitelist=\n")
                .append("# All benchmark sessions come from 127.0.0.1: no per-address cap.\n")
                .append("maxClientCnxns=0\n");
        for (int id = 1; id <= servers.size(); id++) {
            ServerPorts p = servers.get(id - 1);
            cfg.append("server.").append(id).append("=127.0.0.1:").append(p.quorum()).append(':').append(p.election()).append('\n');
        }
        return cfg.toString();
    }
}
