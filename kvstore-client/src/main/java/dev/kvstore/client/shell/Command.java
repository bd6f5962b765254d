package dev.kvstore.client.shell;

import java.util.Objects;
import java.util.Optional;

/** One parsed shell command. */
public sealed interface Command {
    /** {@code get KEY} */
    record Get(String key) implements Command {
        public Get {
            Objects.requireNonNull(key, "key");
        }
    }

    /** {@code put KEY VALUE} */
    record Put(String key, String value) implements Command {
        public Put {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(value, "value");
        }
    }

    /** {@code delete KEY} */
    record Delete(String key) implements Command {
        public Delete {
            Objects.requireNonNull(key, "key");
        }
    }

    /** {@code status}, or {@code status REPLICA} for one member of the cluster view. */
    record Status(Optional<Target> member) implements Command {
        public Status {
            Objects.requireNonNull(member, "member");
        }
    }

    /** {@code connect HOST:PORT} */
    record Connect(Target target) implements Command {
        public Connect {
            Objects.requireNonNull(target, "target");
        }
    }

    /** {@code help} */
    record Help() implements Command {}

    /** {@code quit} or {@code exit} */
    record Quit() implements Command {}
}
