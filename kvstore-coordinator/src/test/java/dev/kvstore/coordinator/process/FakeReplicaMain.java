package dev.kvstore.coordinator.process;

import java.util.Arrays;
import java.util.List;
import java.util.concurrent.locks.LockSupport;

/**
 * Stands in for {@code dev.kvstore.server.ReplicaMain} in process tests: prints its arguments, then
 * behaves as {@code --fake MODE} says: {@code sleep} (the default) runs until killed, {@code exit:N}
 * exits at once with code N, {@code ignore-sigterm} runs until SIGKILL.
 */
public final class FakeReplicaMain {

    private FakeReplicaMain() {}

    public static void main(String[] args) {
        System.out.println("fake replica args: " + String.join(" ", args));
        List<String> list = Arrays.asList(args);
        int i = list.indexOf("--fake");
        String mode = i >= 0 && i + 1 < args.length ? args[i + 1] : "sleep";
        if (mode.startsWith("exit:")) {
            System.exit(Integer.parseInt(mode.substring("exit:".length())));
        }
        if (mode.equals("ignore-sigterm")) {
            // A shutdown hook that never finishes keeps the JVM alive after SIGTERM; only SIGKILL ends it.
            Runtime.getRuntime().addShutdownHook(new Thread(FakeReplicaMain::parkForever));
        } else if (!mode.equals("sleep")) {
            throw new IllegalArgumentException("unknown --fake mode " + mode);
        }
        System.out.println("fake replica running");
        parkForever();
    }

    private static void parkForever() {
        while (true) {
            LockSupport.park();
            Thread.interrupted(); // keep running: only a signal ends a fake replica
        }
    }
}
