package dev.kvstore.verify.check;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Resources stay flat under steady load: for each process, the mean resident memory and thread count
 * of the last tenth of the samples against those of the first tenth after a tenth of warm-up. The
 * bounds are generous (memory 1.5x + 128 MiB, threads 1.5x + 20): they catch leaks that grow with
 * load, not a heap settling. A process restarted during the run is judged on its latest pid only; the
 * suite's own process ({@value #SELF}) is shown but not judged. Stateless.
 */
public final class ResourceFlatnessChecker {
    static final String NAME = "resources flat";
    /** The suite's own process: sampled for the record, not judged, since it keeps the whole history in memory. */
    public static final String SELF = "verifier";
    static final int MIN_SAMPLES = 10;

    private ResourceFlatnessChecker() {}

    public static CheckResult check(List<ResourceSample> samples) {
        Map<String, List<ResourceSample>> byProcess = new TreeMap<>();
        for (ResourceSample s : samples) byProcess.computeIfAbsent(s.process(), k -> new ArrayList<>()).add(s);
        List<String> lines = new ArrayList<>();
        Verdict verdict = Verdict.PASS;
        for (Map.Entry<String, List<ResourceSample>> e : byProcess.entrySet()) {
            List<ResourceSample> all = e.getValue();
            long latestPid = all.get(all.size() - 1).pid();
            List<ResourceSample> series = all.stream().filter(s -> s.pid() == latestPid).toList();
            if (series.size() < MIN_SAMPLES) {
                verdict = verdict.and(Verdict.UNKNOWN);
                lines.add(e.getKey() + ": only " + series.size() + " samples of pid " + latestPid + ", too few to judge");
                continue;
            }
            int tenth = Math.max(1, series.size() / 10);
            List<ResourceSample> first = series.subList(tenth, 2 * tenth);
            List<ResourceSample> last = series.subList(series.size() - tenth, series.size());
            double rssFirst = mean(first, true);
            double rssLast = mean(last, true);
            double threadsFirst = mean(first, false);
            double threadsLast = mean(last, false);
            boolean rssFlat = rssLast <= rssFirst * 1.5 + 128 * 1024;
            boolean threadsFlat = threadsLast <= threadsFirst * 1.5 + 20;
            boolean judged = !e.getKey().equals(SELF);
            if (judged && (!rssFlat || !threadsFlat)) verdict = Verdict.FAIL;
            lines.add(String.format("%s (pid %d): RSS %.0f -> %.0f MiB%s, threads %.0f -> %.0f%s%s", e.getKey(), latestPid,
                    rssFirst / 1024, rssLast / 1024, rssFlat ? "" : " (GROWS)", threadsFirst, threadsLast, threadsFlat ? "" : " (GROWS)",
                    judged ? "" : "   (not judged: it keeps the history in memory)"));
        }
        if (byProcess.isEmpty()) return new CheckResult(NAME, Verdict.UNKNOWN, "no samples", List.of());
        String summary = switch (verdict) {
            case PASS -> "memory and threads of " + byProcess.size() + " processes stayed within bounds (first vs last window)";
            case FAIL -> "a process grew beyond the bounds";
            case UNKNOWN -> "too few samples to judge every process";
        };
        return new CheckResult(NAME, verdict, summary, lines);
    }

    private static double mean(List<ResourceSample> samples, boolean rss) {
        return samples.stream().mapToDouble(s -> rss ? s.rssKb() : s.threads()).average().orElse(0);
    }
}
