package dev.kvstore.bench.authcost;

import dev.kvstore.bench.workload.Workload;
import dev.kvstore.rmi.Durations;
import dev.kvstore.rmi.cli.DurationConverter;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code kvstore-bench auth-cost}: the per-call credential check, timed in this JVM. For one invocation. */
@Command(name = "auth-cost", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Times the credential check of a write's prepare, decide and commit calls.",
                "The caller signs (HMAC-SHA256 over the method, the caller, the time, a nonce",
                "and the call's body bytes), the callee checks (admitBody), as the replicas and",
                "the coordinator do on every peer and coordinator call. One thread, in",
                "process, no RMI, no serialization. Prints nanoseconds of the thread's CPU",
                "time per call on each side (wall-clock time where the JVM cannot tell).",
                "Takes 3 x (warm-up + duration) of CPU time: on a busy machine longer, at",
                "most 10 times as long."})
public final class AuthCostCommand implements Callable<Integer> {
    private static final String ROW = "%-34s %10s %10s %10s %10s%n";

    @Spec
    CommandSpec spec;

    @Option(names = "--warmup", paramLabel = "DURATION", converter = DurationConverter.class, defaultValue = "1s",
            description = "Per call: sign and check unrecorded for this long first, so the JIT has compiled it (default: ${DEFAULT-VALUE}).")
    Duration warmup;

    @Option(names = "--duration", paramLabel = "DURATION", converter = DurationConverter.class, defaultValue = "1s",
            description = "Per call: measured time (default: ${DEFAULT-VALUE}).")
    Duration duration;

    @Option(names = "--value-size", paramLabel = "BYTES", defaultValue = "100", description = "Bytes of the written value in prepare and decide (default: ${DEFAULT-VALUE}).")
    int valueSize;

    @Override
    public Integer call() {
        if (duration.isZero()) throw usage("--duration must be positive");
        if (valueSize < 1 || valueSize > Workload.MAX_VALUE_SIZE) {
            throw usage("--value-size must be between 1 and " + Workload.MAX_VALUE_SIZE + " bytes, got " + valueSize);
        }
        PrintWriter out = spec.commandLine().getOut();
        AuthCostBenchmark benchmark = AuthCostBenchmark.withRandomSecret();
        out.printf(Locale.ROOT, "credential cost per call: caller signs, callee checks (admit); one thread, %s; warm-up %s, measured %s per call%n",
                benchmark.clock(), Durations.format(warmup), Durations.format(duration));
        out.printf(Locale.ROOT, ROW, "call", "calls", "sign ns", "verify ns", "total ns");
        for (SampleCall call : SampleCall.ofOneWrite(valueSize)) {
            AuthCost cost = benchmark.measure(call, warmup, duration);
            out.printf(Locale.ROOT, ROW, call.label(), cost.calls(), fixed(cost.signNanosPerCall()),
                    fixed(cost.verifyNanosPerCall()), fixed(cost.totalNanosPerCall()));
            out.flush();
        }
        return 0;
    }

    private static String fixed(double nanos) {
        return String.format(Locale.ROOT, "%.0f", nanos);
    }

    private ParameterException usage(String message) {
        return new ParameterException(spec.commandLine(), message);
    }
}
