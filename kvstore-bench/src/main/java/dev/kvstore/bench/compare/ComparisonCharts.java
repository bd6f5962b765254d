package dev.kvstore.bench.compare;

import dev.kvstore.bench.result.OpStats;
import dev.kvstore.bench.result.Report;
import dev.kvstore.bench.result.RunResult;
import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogarithmicAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * Draws a comparison as two PNG line charts, throughput and p99 latency against client count (both
 * axes logarithmic), with one line per target and workload; after several rounds, through each
 * point's {@link Report#points() medians}. Needs no display
 * ({@code java.awt.headless=true}). Stateless.
 */
public final class ComparisonCharts {
    public static final String THROUGHPUT_FILE = "performance-throughput.png";
    public static final String P99_FILE = "performance-p99.png";
    private static final int WIDTH = 900;
    private static final int HEIGHT = 560;
    /** One colour per target, in order of first appearance; writes are drawn solid, reads dashed. */
    private static final Color[] TARGET_COLORS = {new Color(0x1f77b4), new Color(0xff7f0e), new Color(0x2ca02c)};
    private static final BasicStroke SOLID = new BasicStroke(2f);
    private static final BasicStroke DASHED = new BasicStroke(2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f,
            new float[] {8f, 5f}, 0f);

    private ComparisonCharts() {}

    /** Writes both charts into {@code dir} (created if absent) and returns their paths. */
    public static List<Path> write(Report report, Path dir) throws IOException {
        Files.createDirectories(dir);
        Path throughput = dir.resolve(THROUGHPUT_FILE);
        Path p99 = dir.resolve(P99_FILE);
        save(chart("Throughput by client count (higher is better)", "operations per second",
                series(report, OpStats::opsPerSec)), throughput);
        save(chart("p99 latency by client count (lower is better)", "p99 latency (µs)",
                series(report, OpStats::p99Micros)), p99);
        return List.of(throughput, p99);
    }

    /** One series per target and workload, e.g. "kvstore writes (PUT)": x = clients, y = the metric. */
    static XYSeriesCollection series(Report report, ToDoubleFunction<OpStats> metric) {
        Map<String, XYSeries> byName = new LinkedHashMap<>();
        for (RunResult run : report.points()) {
            for (OpStats s : run.ops()) {
                double y = metric.applyAsDouble(s);
                if (!(y > 0)) continue; // a log axis cannot show zero
                String name = run.target() + " " + run.workloadLabel() + " (" + s.op() + ")";
                byName.computeIfAbsent(name, XYSeries::new).add(run.clients(), y);
            }
        }
        XYSeriesCollection data = new XYSeriesCollection();
        byName.values().forEach(data::addSeries);
        return data;
    }

    private static JFreeChart chart(String title, String yLabel, XYSeriesCollection data) {
        LogarithmicAxis x = new LogarithmicAxis("client threads");
        x.setAllowNegativesFlag(false);
        LogarithmicAxis y = new LogarithmicAxis(yLabel);
        y.setAllowNegativesFlag(false);
        XYLineAndShapeRenderer lines = new XYLineAndShapeRenderer(true, true);
        List<String> targets = new ArrayList<>();
        for (int i = 0; i < data.getSeriesCount(); i++) {
            String name = data.getSeries(i).getKey().toString(); // "<target> <workload> (<op>)"
            String target = name.substring(0, name.indexOf(' '));
            if (!targets.contains(target)) targets.add(target);
            lines.setSeriesPaint(i, TARGET_COLORS[targets.indexOf(target) % TARGET_COLORS.length]);
            lines.setSeriesStroke(i, name.contains(" reads ") ? DASHED : SOLID);
        }
        XYPlot plot = new XYPlot(data, x, y, lines);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        JFreeChart chart = new JFreeChart(title, JFreeChart.DEFAULT_TITLE_FONT, plot, true);
        chart.setBackgroundPaint(Color.WHITE);
        return chart;
    }

    private static void save(JFreeChart chart, Path file) throws IOException {
        ChartUtils.saveChartAsPNG(file.toFile(), chart, WIDTH, HEIGHT);
    }
}
