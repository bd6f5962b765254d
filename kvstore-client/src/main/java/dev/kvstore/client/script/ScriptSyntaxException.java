package dev.kvstore.client.script;

import java.util.List;
import java.util.stream.Collectors;

/** A script that cannot run: every bad line, each as {@code NAME:LINE: message}. */
public final class ScriptSyntaxException extends Exception {
    private static final long serialVersionUID = 1L;

    private final String scriptName;
    private final List<ScriptError> errors;

    public ScriptSyntaxException(String scriptName, List<ScriptError> errors) {
        super(errors.stream().map(e -> scriptName + ":" + e.line() + ": " + e.message()).collect(Collectors.joining("\n")));
        this.scriptName = scriptName;
        this.errors = List.copyOf(errors);
    }

    public String scriptName() {
        return scriptName;
    }

    public List<ScriptError> errors() {
        return errors;
    }
}
