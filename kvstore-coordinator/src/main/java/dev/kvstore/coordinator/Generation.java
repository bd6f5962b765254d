package dev.kvstore.coordinator;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * How many times a coordinator has started on a data directory, counted durably. Each start's
 * membership epochs begin above every epoch of the starts before it, so replicas take a
 * restarted coordinator's views as newer, and epochs stay small enough to read.
 */
final class Generation {
    /** Epochs one coordinator process may hand out before they would reach the next generation's. */
    static final long EPOCHS_PER_GENERATION = 1_000_000;

    private Generation() {}

    /** Reads the last generation under {@code dataDir}, stores the next one with fsync, and returns it (1 on first start). */
    static long next(Path dataDir) throws IOException {
        Path file = dataDir.resolve("generation");
        long previous = 0;
        if (Files.exists(file)) {
            String text = Files.readString(file, StandardCharsets.UTF_8).trim();
            try {
                previous = Long.parseLong(text);
            } catch (NumberFormatException e) {
                throw new IOException(file + " holds '" + text + "', not a generation number", e);
            }
        }
        long next = previous + 1;
        Path tmp = dataDir.resolve("generation.tmp");
        try (FileChannel channel = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            channel.write(ByteBuffer.wrap((next + "\n").getBytes(StandardCharsets.UTF_8)));
            channel.force(true);
        }
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        return next;
    }

    /** The epoch the membership of generation {@code generation} starts from. */
    static long firstEpoch(long generation) {
        return (generation - 1) * EPOCHS_PER_GENERATION;
    }
}
