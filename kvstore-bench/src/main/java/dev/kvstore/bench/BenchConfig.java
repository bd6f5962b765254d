package dev.kvstore.bench;

import dev.kvstore.bench.kvstore.Endpoint;
import dev.kvstore.bench.load.RunSpec;
import dev.kvstore.bench.result.OutputFormat;
import dev.kvstore.bench.workload.Workload;
import dev.kvstore.rmi.tls.TlsFiles;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * One invocation of the tool, validated: what to drive, how hard and for how long, and where the
 * results go. {@code burnIn} is an unrecorded load run after each start of a target; {@code rounds}
 * is how many times a comparison measures its sweep on each target. {@code endpoints} is empty when the tool starts KVStore itself; {@code out},
 * {@code chartDir} and {@code dataDir} may be null. With {@code tls}, KVStore runs with mutual TLS: a
 * cluster the tool starts gets throwaway certificates, and {@code tlsFiles} (null otherwise) are
 * this tool's own stores for an existing cluster.
 */
public record BenchConfig(TargetKind target, List<Endpoint> endpoints, int clients, Duration burnIn, Duration warmup,
                          Duration duration,
                          double readRatio, Workload workload, OutputFormat format, Path out, boolean compare,
                          List<Integer> clientsSweep, int rounds, Path chartDir, Path dataDir, boolean progress,
                          boolean tls, TlsFiles tlsFiles) {
    /** Progress lines are printed only for runs measured at least this long. */
    static final Duration LONG_RUN = Duration.ofSeconds(5);

    public BenchConfig {
        if (target == null || format == null || workload == null || burnIn == null) throw new IllegalArgumentException("target, format and workload are required");
        endpoints = List.copyOf(endpoints);
        clientsSweep = List.copyOf(clientsSweep);
        if (rounds < 1 || (rounds > 1 && !compare)) throw new IllegalArgumentException("rounds are at least 1, and more than 1 only in a comparison");
        if (tlsFiles != null && !tls) throw new IllegalArgumentException("TLS stores are given, but TLS is off");
        if (tls && (target != TargetKind.KVSTORE || compare)) throw new IllegalArgumentException("TLS is for a KVStore target alone");
        if (tls && (tlsFiles == null) != endpoints.isEmpty()) {
            throw new IllegalArgumentException("TLS takes stores exactly when it drives an existing cluster");
        }
    }

    /** The run of {@code clients} workers at {@code readRatio} under these settings. */
    RunSpec spec(int clients, double readRatio) {
        boolean longRun = duration.compareTo(LONG_RUN) >= 0;
        return new RunSpec(clients, warmup, duration, readRatio, workload, progress && longRun);
    }
}
