package dev.kvstore.client.script;

/** What is wrong with one line of a script. */
public record ScriptError(int line, String message) {}
