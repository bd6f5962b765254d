package dev.kvstore.verify;

import dev.kvstore.verify.nemesis.FaultCategory;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Set;

/**
 * Presets for a run; options given on the command line override them.
 *
 * <ul>
 *   <li>{@code default}: one minute, 10 clients, 5 keys, every fault;</li>
 *   <li>{@code ci}: about 60 s of faults then a calm tail, for the build;</li>
 *   <li>{@code long}: five minutes, 20 clients, 10 keys, every fault;</li>
 *   <li>{@code soak}: ten minutes of steady load without faults, sampling memory and threads.</li>
 * </ul>
 */
public enum Profile {
    DEFAULT(Duration.ofSeconds(60), 10, 5, EnumSet.allOf(FaultCategory.class), false),
    CI(Duration.ofSeconds(75), 10, 5, EnumSet.allOf(FaultCategory.class), false),
    LONG(Duration.ofMinutes(5), 20, 10, EnumSet.allOf(FaultCategory.class), false),
    SOAK(Duration.ofMinutes(10), 10, 5, EnumSet.noneOf(FaultCategory.class), true);

    private final Duration duration;
    private final int clients;
    private final int keys;
    private final EnumSet<FaultCategory> faults;
    private final boolean sampleResources;

    Profile(Duration duration, int clients, int keys, EnumSet<FaultCategory> faults, boolean sampleResources) {
        this.duration = duration;
        this.clients = clients;
        this.keys = keys;
        this.faults = faults;
        this.sampleResources = sampleResources;
    }

    public Duration duration() {
        return duration;
    }

    public int clients() {
        return clients;
    }

    public int keys() {
        return keys;
    }

    public Set<FaultCategory> faults() {
        return EnumSet.copyOf(faults);
    }

    public boolean sampleResources() {
        return sampleResources;
    }

    public String cliName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
