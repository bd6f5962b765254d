package dev.kvstore.bench.kvstore;

import dev.kvstore.api.KVStore;
import dev.kvstore.api.TransactionAbortedException;
import dev.kvstore.api.UnavailableException;
import dev.kvstore.bench.load.BenchClient;
import dev.kvstore.bench.load.BenchTarget;
import dev.kvstore.bench.load.FailureLog;
import dev.kvstore.bench.load.Preloader;
import dev.kvstore.bench.workload.Workload;
import dev.kvstore.coordinator.local.LocalCluster;
import dev.kvstore.rmi.RemoteCalls;
import dev.kvstore.rmi.RmiEndpoint;
import dev.kvstore.rmi.SharedReads;
import dev.kvstore.rmi.TlsContext;
import dev.kvstore.rmi.tls.ClusterCertificates;
import dev.kvstore.rmi.tls.TlsFiles;
import dev.kvstore.rmi.tls.TlsSetup;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.net.ssl.SSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * KVStore as a benchmark target: a five-replica {@link LocalCluster} this tool starts (and stops
 * on {@link #close()}), or an existing cluster reached by its replicas' addresses, either with
 * plain RMI or with mutual TLS on every connection. With TLS this JVM's outgoing RMI connections
 * present a client certificate until {@link #close()}. Workers are spread round-robin over the
 * replicas; keys are {@code k0..kN}. Thread-safe.
 */
public final class KVStoreTarget implements BenchTarget {
    private static final Logger LOG = LoggerFactory.getLogger(KVStoreTarget.class);
    private static final int REPLICAS = 5;
    private static final Duration RPC_TIMEOUT = Duration.ofSeconds(1);
    private static final Duration START_WITHIN = Duration.ofSeconds(60);
    private static final int PRELOAD_THREADS = 8;
    /** How long preloading one key may keep retrying while the cluster settles (a replica marked DOWN and back). */
    private static final Duration PRELOAD_RETRY_FOR = Duration.ofSeconds(60);
    private static final long PRELOAD_BACKOFF_MILLIS = 100;

    private final LocalCluster cluster; // null when the cluster is not ours
    private final boolean tls;
    private final ClientIdentity identity; // the TLS identity we installed for an existing cluster, or null
    private final List<KVStore> replicas;
    private final Workload workload;
    private final String[] keys;
    private final String value;
    private final FailureLog failures = new FailureLog("kvstore");

    private KVStoreTarget(LocalCluster cluster, boolean tls, ClientIdentity identity, List<KVStore> replicas, Workload workload) {
        this.cluster = cluster;
        this.tls = tls;
        this.identity = identity;
        this.replicas = List.copyOf(replicas);
        this.workload = workload;
        this.keys = new String[workload.keys()];
        for (int i = 0; i < keys.length; i++) keys[i] = "k" + i;
        this.value = workload.value();
    }

    /**
     * Starts a coordinator and five replicas on free loopback ports under {@code dataDir} and waits
     * until all are UP. With a {@code certsDir} (null for plain RMI), it first makes a throwaway
     * cluster CA, a node and a client certificate there, and every connection, ours included, uses
     * mutual TLS.
     */
    public static KVStoreTarget startLocal(Path dataDir, Workload workload, Path certsDir) throws IOException, InterruptedException {
        LocalCluster cluster;
        if (certsDir != null) {
            ClusterCertificates.Issued certificates = ClusterCertificates.generate(certsDir, List.of(), 1);
            LOG.info("starting a {}-replica KVStore cluster with mutual TLS in {}", REPLICAS, dataDir);
            cluster = LocalCluster.startWithTls(dataDir, REPLICAS, RPC_TIMEOUT, START_WITHIN, certificates, ports -> List.of());
        } else {
            LOG.info("starting a {}-replica KVStore cluster in {}", REPLICAS, dataDir);
            cluster = LocalCluster.start(dataDir, REPLICAS, RPC_TIMEOUT, START_WITHIN);
        }
        try {
            List<KVStore> stubs = new ArrayList<>();
            for (int port : cluster.replicaPorts()) stubs.add(cluster.replica(port));
            LOG.info("KVStore replicas UP on ports {}", cluster.replicaPorts());
            return new KVStoreTarget(cluster, certsDir != null, null, stubs, workload);
        } catch (RuntimeException e) {
            cluster.close();
            throw e;
        }
    }

    /**
     * Looks up the replicas of an existing cluster; it is left running on {@link #close()}. With
     * {@code tlsFiles} (null for plain RMI), this JVM connects with the certificate they hold.
     */
    public static KVStoreTarget connect(List<Endpoint> endpoints, Workload workload, TlsFiles tlsFiles) throws Exception {
        ClientIdentity identity = tlsFiles == null ? null : ClientIdentity.install(tlsFiles);
        try {
            List<KVStore> stubs = new ArrayList<>();
            try (RemoteCalls calls = new RemoteCalls(Duration.ofSeconds(10), "bench-lookup")) {
                for (Endpoint e : endpoints) stubs.add(RmiEndpoint.lookup(calls, e.host(), e.port(), KVStore.NAME, KVStore.class));
            }
            LOG.info("driving the KVStore cluster at {} over {}", endpoints, identity == null ? "plain RMI" : "TLS");
            return new KVStoreTarget(null, identity != null, identity, stubs, workload);
        } catch (Exception | Error e) {
            if (identity != null) identity.restore();
            throw e;
        }
    }

    /** This JVM's TLS identity for an existing cluster, and the one it replaced, restored afterwards. */
    private record ClientIdentity(SSLContext before) {
        static ClientIdentity install(TlsFiles files) throws IOException {
            SSLContext before = TlsContext.installed().orElse(null);
            TlsSetup.load(files).installForProcess();
            return new ClientIdentity(before);
        }

        void restore() {
            if (before != null) TlsContext.install(before);
            else TlsContext.uninstall();
        }
    }

    @Override
    public String name() {
        return "kvstore";
    }

    @Override
    public boolean tls() {
        return tls;
    }

    @Override
    public void preload() throws Exception {
        Preloader.load(keys.length, PRELOAD_THREADS, thread -> {
            KVStore replica = replicas.get(thread % replicas.size());
            return key -> put(replica, key);
        });
        LOG.info("kvstore: preloaded {} keys of {} bytes", keys.length, workload.valueSize());
    }

    /**
     * Writes one key, retrying aborts and unavailability (a busy machine can get a replica marked
     * DOWN for a moment) for up to {@link #PRELOAD_RETRY_FOR}; a put is safe to repeat.
     */
    private void put(KVStore replica, int key) throws Exception {
        long deadline = System.nanoTime() + PRELOAD_RETRY_FOR.toNanos();
        while (true) {
            try {
                replica.put(keys[key], value);
                return;
            } catch (TransactionAbortedException | UnavailableException e) {
                if (System.nanoTime() - deadline > 0) throw e;
                if (e instanceof UnavailableException) Thread.sleep(PRELOAD_BACKOFF_MILLIS); // let the view settle
            }
        }
    }

    private final Map<KVStore, SharedReads> reads = new ConcurrentHashMap<>(); // one per replica, shared by its workers

    @Override
    public BenchClient open(int worker) {
        KVStore replica = replicas.get(worker % replicas.size());
        return new KVStoreBenchClient(replica, reads.computeIfAbsent(replica, SharedReads::new), keys, value, failures);
    }

    @Override
    public void close() {
        if (cluster != null) {
            LOG.info("stopping the KVStore cluster");
            cluster.close(); // also gives this JVM back the TLS identity it had before, if any
        }
        if (identity != null) identity.restore();
    }
}
