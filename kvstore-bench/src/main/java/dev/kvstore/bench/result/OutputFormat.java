package dev.kvstore.bench.result;

/** How the tool prints a {@link Report}. */
public enum OutputFormat {
    /** Aligned columns for a person: one line per operation type per run, then the ratios. */
    TABLE,
    /** One JSON object: settings, runs, ratios. */
    JSON,
    /** One line per operation type per run, with a header. */
    CSV;

    /** {@code report} in this format, ending in a newline. */
    public String render(Report report) {
        return switch (this) {
            case TABLE -> TableFormat.render(report);
            case JSON -> JsonFormat.render(report);
            case CSV -> CsvFormat.render(report);
        };
    }
}
