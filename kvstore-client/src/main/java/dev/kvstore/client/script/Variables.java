package dev.kvstore.client.script;

import dev.kvstore.client.shell.CommandSyntaxException;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A script's variables: {@code set NAME VALUE} defines one unless the command line already did
 * ({@code --var NAME=VALUE} wins), and {@code ${NAME}} is replaced by its value in every later
 * line. Not thread-safe.
 */
final class Variables {
    static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final Pattern REFERENCE = Pattern.compile("\\$\\{([^}]*)}");

    private final Map<String, String> overrides;
    private final Map<String, String> values = new HashMap<>();

    Variables(Map<String, String> overrides) {
        for (String name : overrides.keySet()) {
            if (!NAME.matcher(name).matches()) throw new IllegalArgumentException("bad variable name '" + name + "': use letters, digits and _");
        }
        this.overrides = Map.copyOf(overrides);
        values.putAll(overrides);
    }

    /** Defines {@code name} unless the command line set it. */
    void set(String name, String value) throws CommandSyntaxException {
        if (!NAME.matcher(name).matches()) throw new CommandSyntaxException("bad variable name '" + name + "': use letters, digits and _");
        if (!overrides.containsKey(name)) values.put(name, value);
    }

    /** {@code line} with every {@code ${NAME}} replaced. */
    String substitute(String line) throws CommandSyntaxException {
        Matcher m = REFERENCE.matcher(line);
        StringBuilder out = new StringBuilder();
        int end = 0;
        while (m.find()) {
            String name = m.group(1);
            if (!NAME.matcher(name).matches()) throw new CommandSyntaxException("bad variable reference '${" + name + "}'");
            String value = values.get(name);
            if (value == null) {
                throw new CommandSyntaxException("undefined variable ${" + name + "}; define it with 'set " + name
                        + " VALUE' or --var " + name + "=VALUE");
            }
            m.appendReplacement(out, Matcher.quoteReplacement(value));
            end = m.end();
        }
        m.appendTail(out);
        if (line.indexOf("${", end) >= 0) throw new CommandSyntaxException("unterminated '${': write ${NAME}");
        return out.toString();
    }
}
