package dev.kvstore.bench.zookeeper;

/** The three loopback ports of one ZooKeeper server: clients, followers to the leader, leader election. */
public record ServerPorts(int client, int quorum, int election) {
    public ServerPorts {
        for (int p : new int[] {client, quorum, election}) {
            if (p < 1 || p > 65535) throw new IllegalArgumentException("port " + p + " is not in 1-65535");
        }
        if (client == quorum || client == election || quorum == election) {
            throw new IllegalArgumentException("a server's three ports must differ: " + client + ", " + quorum + ", " + election);
        }
    }
}
