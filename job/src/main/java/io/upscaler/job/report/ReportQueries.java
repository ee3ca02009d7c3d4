package io.upscaler.job.report;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.floor;
import static org.apache.spark.sql.functions.greatest;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.log2;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.substring;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;

/**
 * The report's aggregates, computed by Spark over a run's statistics rows: two queries whose
 * results are bounded whatever the row count (bins and a few failures per class), so the driver
 * never collects rows. Histograms use fixed logarithmic bins ({@value #BINS_PER_OCTAVE} per
 * doubling), which need no first pass for the range.
 */
final class ReportQueries {
  static final int BINS_PER_OCTAVE = 8;
  static final int MAX_BARS = 40;
  static final int SERIES_BINS = 40;
  static final int FIRST_FAILURES = 5;
  static final int MESSAGE_CHARS = 400;

  private ReportQueries() {}

  /** Latency, input size and output size histograms, and output MP/s over the work's time. */
  record Charts(List<RunReport.Histogram> histograms, RunReport.Series throughput) {}

  static Charts charts(Dataset<Row> stats, long workStartMillis, long workEndMillis) {
    long binMs = Math.max(1000, (workEndMillis - workStartMillis + SERIES_BINS - 1) / SERIES_BINS);
    Column ok = col("status").equalTo("OK");
    Column inPx = col("input_width").cast("double").multiply(col("input_height"));
    Column outPx = col("output_width").cast("double").multiply(col("output_height"));
    Column finished = col("started_at").cast("double").multiply(1000).plus(col("total_ms"));
    Column timeBin = floor(finished.minus(workStartMillis).divide(binMs));
    List<Row> groups = stats
        .select(explode(array(
            fact("latency", when(ok, logBin(col("total_ms"))), lit(0.0)),
            fact("input", when(inPx.isNotNull(), logBin(inPx)), lit(0.0)),
            fact("output", when(ok, logBin(col("output_bytes"))), lit(0.0)),
            fact("time", when(ok, timeBin), outPx))).as("f"))
        .select(col("f.m"), col("f.b"), col("f.w"))
        .where(col("b").isNotNull())
        .groupBy(col("m"), col("b"))
        .agg(count(lit(1)), sum(col("w")))
        .collectAsList();
    Map<String, TreeMap<Long, double[]>> byMetric = new HashMap<>();
    for (Row g : groups) {
      byMetric.computeIfAbsent(g.getString(0), k -> new TreeMap<>())
          .put(g.getLong(1), new double[] {g.getLong(2), g.isNullAt(3) ? 0 : g.getDouble(3)});
    }
    List<RunReport.Histogram> histograms = List.of(
        histogram("latency", "Latency of OK images", "ms", byMetric.get("latency")),
        histogram("input-size", "Input size", "px", byMetric.get("input")),
        histogram("output-size", "Output file size of OK images", "bytes", byMetric.get("output")));
    return new Charts(histograms, series(byMetric.get("time"), binMs, workEndMillis - workStartMillis));
  }

  private static Column fact(String metric, Column bin, Column weight) {
    return struct(lit(metric).as("m"), bin.cast("long").as("b"), weight.cast("double").as("w"));
  }

  /** Bin b holds values in [2^(b/8), 2^((b+1)/8)); values below 1 go to bin 0. */
  private static Column logBin(Column x) {
    return floor(log2(greatest(x.cast("double"), lit(1.0))).multiply(BINS_PER_OCTAVE));
  }

  static RunReport.Histogram histogram(String id, String title, String unit, TreeMap<Long, double[]> bins) {
    List<RunReport.Bin> out = new ArrayList<>();
    if (bins != null && !bins.isEmpty()) {
      long first = bins.firstKey();
      long last = bins.lastKey();
      long width = Math.max(1, (last - first + MAX_BARS) / MAX_BARS);
      for (long b = first; b <= last; b += width) {
        long n = 0;
        for (long k = b; k < b + width; k++) {
          double[] v = bins.get(k);
          n += v == null ? 0 : (long) v[0];
        }
        out.add(new RunReport.Bin(edge(b), edge(b + width), n));
      }
    }
    return new RunReport.Histogram(id, title, unit, out);
  }

  static double edge(long bin) {
    return Math.pow(2, (double) bin / BINS_PER_OCTAVE);
  }

  /**
   * Output MP/s in each time bin, as steps (a point at the start and at the end of every bin).
   * Rows settled before the work began count in the first bin, any finishing after it in the last.
   */
  static RunReport.Series series(TreeMap<Long, double[]> bins, long binMs, long workMs) {
    List<RunReport.Point> points = new ArrayList<>();
    if (bins != null && !bins.isEmpty()) {
      int last = (int) Math.min(SERIES_BINS, Math.max(0, (workMs - 1) / binMs));
      double[] pixels = new double[last + 1];
      bins.forEach((k, v) -> pixels[(int) Math.max(0, Math.min(last, k))] += v[1]);
      double binS = binMs / 1000.0;
      for (int b = 0; b <= last; b++) {
        points.add(new RunReport.Point(b * binS, pixels[b] / 1e6 / binS));
        points.add(new RunReport.Point((b + 1) * binS, pixels[b] / 1e6 / binS));
      }
    }
    return new RunReport.Series("throughput", "Output megapixels per second over the run", "MP/s", points);
  }

  /** The first failed rows of every class (by start time, then id), most frequent class first. */
  static List<RunReport.FailureGroup> failures(Dataset<Row> stats, Map<String, Long> countsByClass) {
    if (countsByClass.isEmpty()) {
      return List.of();
    }
    List<Row> rows = stats.where(col("status").equalTo("FAILED"))
        .select(col("error_class"), col("id"), substring(col("error_message"), 1, MESSAGE_CHARS),
            row_number().over(Window.partitionBy(col("error_class"))
                .orderBy(col("started_at"), col("id"))).as("n"))
        .where(col("n").leq(FIRST_FAILURES))
        .orderBy(col("error_class"), col("n"))
        .collectAsList();
    Map<String, List<RunReport.Failure>> first = new HashMap<>();
    for (Row r : rows) {
      first.computeIfAbsent(r.isNullAt(0) ? "null" : r.getString(0), k -> new ArrayList<>())
          .add(new RunReport.Failure(r.getString(1), r.isNullAt(2) ? "" : r.getString(2)));
    }
    List<RunReport.FailureGroup> groups = new ArrayList<>();
    countsByClass.forEach((k, n) -> groups.add(new RunReport.FailureGroup(k, n, first.getOrDefault(k, List.of()))));
    groups.sort(Comparator.comparingLong(RunReport.FailureGroup::count).reversed()
        .thenComparing(RunReport.FailureGroup::errorClass));
    return groups;
  }
}
