package dev.kvstore.client.shell;

import java.util.List;

/** The shell's help: one line per command. */
final class HelpText {
    static final List<String> LINES = List.of(
            "get KEY              print the value of KEY, or (not found)",
            "put KEY VALUE        set KEY to VALUE on every live replica; quote a value with spaces: put k \"a b\"",
            "delete KEY           remove KEY: OK, or (not found) when it was absent",
            "status               this replica's state, applied seq and view of the cluster (UP, DOWN, CATCHING_UP)",
            "status HOST:PORT     one replica as this replica's view sees it",
            "connect HOST:PORT    switch to another replica (PORT alone keeps the host)",
            "help                 this list",
            "quit, exit           leave (Ctrl-D too)");

    private HelpText() {}
}
