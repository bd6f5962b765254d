package dev.kvstore.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where the clusters a run starts keep their data and logs: the directory the user named (kept), or
 * a fresh temporary one that is deleted after a successful run and kept, with its logs, after a
 * failed one. For one thread.
 */
final class ScratchDir implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ScratchDir.class);

    private final Path path;
    private final boolean temporary;
    private boolean succeeded;

    private ScratchDir(Path path, boolean temporary) {
        this.path = path;
        this.temporary = temporary;
    }

    /** {@code named} if not null (created if absent), otherwise a new temporary directory. */
    static ScratchDir of(Path named) throws IOException {
        if (named != null) return new ScratchDir(Files.createDirectories(named), false);
        return new ScratchDir(Files.createTempDirectory("kvstore-bench-"), true);
    }

    Path path() {
        return path;
    }

    /** Marks the run as done, so a temporary directory can go. */
    void succeeded() {
        succeeded = true;
    }

    @Override
    public void close() {
        if (!temporary) return;
        if (!succeeded) {
            LOG.warn("kept the data and logs of the failed run in {}", path);
            return;
        }
        try (Stream<Path> all = Files.walk(path)) {
            all.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException | UncheckedIOException e) {
            LOG.warn("could not delete {}: {}", path, e.toString());
        }
    }
}
