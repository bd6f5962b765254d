package dev.kvstore.verify.nemesis;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * Plans the fault episodes of a run from a seed, so the same seed gives the same plan: after a
 * quiet warm-up, an episode (a kind allowed by the enabled categories, random distinct targets,
 * held 0.5–5 s), then a quiet gap of 1–4 s, and so on until {@code activeUntil}, by which every
 * episode has healed. Stateless.
 */
public final class NemesisSchedule {
    static final long MIN_HOLD_MS = 500;
    static final long MAX_HOLD_MS = 5_000;
    static final long MIN_GAP_MS = 1_000;
    static final long MAX_GAP_MS = 4_000;

    private NemesisSchedule() {}

    /** The episodes for {@code replicas} replicas, from {@code warmup} to {@code activeUntil} (history times). */
    public static List<PlannedFault> plan(long seed, Set<FaultCategory> enabled, int replicas, Duration warmup, Duration activeUntil) {
        List<FaultKind> kinds = Arrays.stream(FaultKind.values())
                .filter(k -> k.allowedBy(enabled) && k.replicas() <= replicas).toList();
        List<PlannedFault> plan = new ArrayList<>();
        if (kinds.isEmpty()) return plan;
        Random random = new Random(seed);
        long t = warmup.toNanos();
        while (true) {
            FaultKind kind = kinds.get(random.nextInt(kinds.size()));
            long hold = millis(MIN_HOLD_MS + random.nextInt((int) (MAX_HOLD_MS - MIN_HOLD_MS + 1)));
            List<Integer> all = new ArrayList<>();
            for (int i = 0; i < replicas; i++) all.add(i);
            Collections.shuffle(all, random);
            boolean restartCoordinatorFirst = random.nextBoolean();
            if (t + hold > activeUntil.toNanos()) return plan;
            plan.add(new PlannedFault(t, kind, all.subList(0, kind.replicas()), hold, restartCoordinatorFirst));
            t += hold + millis(MIN_GAP_MS + random.nextInt((int) (MAX_GAP_MS - MIN_GAP_MS + 1)));
        }
    }

    private static long millis(long ms) {
        return Duration.ofMillis(ms).toNanos();
    }
}
