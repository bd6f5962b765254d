package dev.kvstore.client.script;

import dev.kvstore.api.protocol.ReplicaId;
import dev.kvstore.rmi.Durations;
import dev.kvstore.client.shell.Result;
import dev.kvstore.client.shell.ResultFormatter;
import dev.kvstore.client.shell.Session;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One run of a script: its start time, its clients' sessions and its tally. Steps outside parallel
 * blocks run on the calling thread; each client of a parallel block runs its lines on its own
 * thread. Used once.
 */
final class ScriptExecution {
    private static final Logger log = LoggerFactory.getLogger(ScriptExecution.class);
    private static final String SCRIPT = "script";

    private final Script script;
    private final List<ReplicaId> defaultReplicas;
    private final Function<List<ReplicaId>, Session> sessions;
    private final ScriptClock clock;
    private final Duration poll;
    private final long start;
    private final Transcript transcript;
    private final Map<String, Session> clients = new ConcurrentHashMap<>();
    private final AtomicInteger expectations = new AtomicInteger();
    private final List<ScriptReport.Failure> failures = Collections.synchronizedList(new ArrayList<>());

    ScriptExecution(Script script, List<ReplicaId> defaultReplicas, Function<List<ReplicaId>, Session> sessions,
            ScriptClock clock, PrintWriter out, Duration poll) {
        this.script = script;
        this.defaultReplicas = List.copyOf(defaultReplicas);
        this.sessions = sessions;
        this.clock = clock;
        this.poll = poll;
        this.start = clock.nanoTime();
        int width = Stream.concat(Stream.of(SCRIPT, ScriptParser.DEFAULT_CLIENT), script.clientNames().stream())
                .mapToInt(String::length).max().orElse(SCRIPT.length());
        this.transcript = new Transcript(out, clock, start, width);
    }

    ScriptReport run() {
        transcript.line(SCRIPT, "start " + script.name());
        try {
            for (Step step : script.steps()) run(step);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            failures.add(new ScriptReport.Failure(0, SCRIPT, "run", "interrupted"));
        } finally {
            clients.values().forEach(Session::close);
        }
        ScriptReport report = new ScriptReport(expectations.get(), failures);
        if (report.passed()) {
            transcript.line(SCRIPT, "PASSED: all " + report.expectations() + " expectations held");
        } else {
            transcript.line(SCRIPT, "FAILED: " + report.failures().size() + " of " + report.expectations() + " expectations failed");
            report.failures().forEach(f -> transcript.line(SCRIPT, "  " + f));
        }
        return report;
    }

    private void run(Step step) throws InterruptedException {
        try {
            dispatch(step);
        } catch (RuntimeException e) {
            // A bug, not a failed expectation; the run goes on so the transcript shows the rest.
            log.debug("internal error on line {}", step.line(), e);
            failures.add(new ScriptReport.Failure(step.line(), SCRIPT, step.text(), "internal error (" + e + ")"));
            transcript.line(SCRIPT, step.text() + " -> internal error (" + e + ")");
        }
    }

    private void dispatch(Step step) throws InterruptedException {
        if (step instanceof Step.DeclareClient declare) {
            clients.put(declare.name(), sessions.apply(declare.replicas()));
            transcript.line(declare.name(), declare.text());
        } else if (step instanceof Step.Run command) {
            Result result = session(command.client()).execute(command.command());
            print(command.client(), command.text(), result);
        } else if (step instanceof Step.Expect expect) {
            expect(expect);
        } else if (step instanceof Step.Sleep sleep) {
            transcript.line(sleep.client().orElse(SCRIPT), sleep.text());
            clock.sleep(sleep.duration());
        } else if (step instanceof Step.At at) {
            waitUntil(at);
        } else if (step instanceof Step.Echo echo) {
            transcript.line(SCRIPT, "# " + echo.text());
        } else if (step instanceof Step.Parallel parallel) {
            parallel(parallel);
        } else {
            throw new IllegalStateException("no way to run " + step);
        }
    }

    private void expect(Step.Expect expect) throws InterruptedException {
        Session session = session(expect.client());
        long deadline = clock.nanoTime() + expect.within().map(Duration::toNanos).orElse(0L);
        int tries = 0;
        Result result;
        while (true) {
            tries++;
            result = session.execute(expect.command());
            long left = deadline - clock.nanoTime();
            if (expect.expected().matches(result) || left <= 0) break;
            clock.sleep(Duration.ofNanos(Math.min(poll.toNanos(), left)));
        }
        expectations.incrementAndGet();
        boolean held = expect.expected().matches(result);
        String after = tries > 1 ? " after " + tries + " tries" : "";
        // The verdict is about the first line (status's own line); a plain 'status' shows the members.
        String got = ResultFormatter.lines(result).get(0);
        if (held) {
            transcript.line(expect.client(), expect.text() + " -> " + got + "  PASS" + after);
        } else {
            transcript.line(expect.client(), expect.text() + " -> " + got + "  FAIL: expected " + expect.expected().describe() + after);
            failures.add(new ScriptReport.Failure(expect.line(), expect.client(), expect.text(), got));
        }
    }

    private void waitUntil(Step.At at) throws InterruptedException {
        long left = start + at.time().toNanos() - clock.nanoTime();
        String label = at.client().orElse(SCRIPT);
        if (left <= 0) {
            transcript.line(label, at.text() + " (already past " + Durations.format(at.time()) + ")");
            return;
        }
        clock.sleep(Duration.ofNanos(left));
        transcript.line(label, at.text());
    }

    private void parallel(Step.Parallel parallel) throws InterruptedException {
        Map<String, List<Step>> byClient = new LinkedHashMap<>();
        for (Step step : parallel.steps()) byClient.computeIfAbsent(clientOf(step), c -> new ArrayList<>()).add(step);
        transcript.line(SCRIPT, parallel.text() + ": " + String.join(", ", byClient.keySet()));
        List<Thread> threads = new ArrayList<>();
        for (Map.Entry<String, List<Step>> lane : byClient.entrySet()) {
            Thread thread = new Thread(() -> runLane(lane.getValue()), "script-" + lane.getKey());
            thread.start();
            threads.add(thread);
        }
        try {
            for (Thread thread : threads) thread.join();
        } catch (InterruptedException e) {
            threads.forEach(Thread::interrupt);
            throw e;
        }
        transcript.line(SCRIPT, "end of parallel from line " + parallel.line());
    }

    private void runLane(List<Step> lane) {
        try {
            for (Step step : lane) run(step);
        } catch (InterruptedException e) {
            failures.add(new ScriptReport.Failure(lane.get(0).line(), clientOf(lane.get(0)), "parallel", "interrupted"));
        }
    }

    private void print(String client, String text, Result result) {
        List<String> lines = ResultFormatter.lines(result);
        transcript.line(client, text + " -> " + (lines.isEmpty() ? "" : lines.get(0)));
        for (String more : lines.subList(Math.min(1, lines.size()), lines.size())) transcript.line(client, "   " + more);
    }

    private Session session(String client) {
        Session session = clients.get(client);
        if (session != null) return session;
        if (!client.equals(ScriptParser.DEFAULT_CLIENT)) throw new IllegalStateException("client " + client + " is not declared");
        return clients.computeIfAbsent(client, c -> sessions.apply(defaultReplicas));
    }

    private static String clientOf(Step step) {
        Optional<String> client = Optional.empty();
        if (step instanceof Step.Run run) client = Optional.of(run.client());
        if (step instanceof Step.Expect expect) client = Optional.of(expect.client());
        if (step instanceof Step.Sleep sleep) client = sleep.client();
        if (step instanceof Step.At at) client = at.client();
        return client.orElseThrow(() -> new IllegalStateException("line " + step.line() + " names no client"));
    }
}
