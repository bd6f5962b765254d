package dev.kvstore.verify.nemesis;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/** The kinds of fault a run may inject, as named on the command line: {@code kill}, {@code pause}, {@code coordinator}. */
public enum FaultCategory {
    /** SIGKILL a replica; the coordinator starts it again. */
    KILL,
    /** SIGSTOP a replica, SIGCONT it a few seconds later. */
    PAUSE,
    /** SIGKILL the coordinator, start it again a few seconds later. */
    COORDINATOR;

    /** Parses {@code kill,pause,coordinator}; {@code none} or an empty string is the empty set. */
    public static Set<FaultCategory> parseList(String text) {
        Set<FaultCategory> out = EnumSet.noneOf(FaultCategory.class);
        if (text == null || text.isBlank() || text.trim().equalsIgnoreCase("none")) return out;
        for (String part : text.split(",")) {
            String name = part.trim().toUpperCase(Locale.ROOT);
            try {
                out.add(FaultCategory.valueOf(name));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("unknown fault '" + part.trim() + "': use kill, pause, coordinator or none");
            }
        }
        return out;
    }

    public String cliName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
