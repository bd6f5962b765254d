package dev.kvstore.client.script;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** A parsed script: its name (for messages) and its steps, in order. Immutable. */
public record Script(String name, List<Step> steps) {
    public Script {
        Objects.requireNonNull(name, "name");
        steps = List.copyOf(steps);
    }

    /** The declared client names, in order of declaration. */
    public List<String> clientNames() {
        List<String> names = new ArrayList<>();
        for (Step step : steps) {
            if (step instanceof Step.DeclareClient client) names.add(client.name());
        }
        return names;
    }
}
