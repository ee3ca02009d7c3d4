package io.upscaler.job.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The report's aggregates, from the {@link ReportFacts} gathered while the run's statistics rows
 * were committed (no query reads the table back): bounded whatever the row count (bins and a few
 * failures per class). Histograms use fixed logarithmic bins ({@value #BINS_PER_OCTAVE} per
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

  static Charts charts(ReportFacts facts, long workStartMillis, long workEndMillis) {
    long workMs = workEndMillis - workStartMillis;
    // The throughput bins hold whole gathered time bins, so no row's pixels are split or moved.
    long fine = facts.timeBinMs();
    long wanted = Math.max(1000, (workMs + SERIES_BINS - 1) / SERIES_BINS);
    long binMs = (wanted + fine - 1) / fine * fine;
    List<RunReport.Histogram> histograms = List.of(
        histogram("latency", "Latency of OK images", "ms", counts(facts.latency)),
        histogram("input-size", "Input size", "px", counts(facts.inputPixels)),
        histogram("output-size", "Output file size of OK images", "bytes", counts(facts.outputBytes)));
    return new Charts(histograms, series(facts.outputPixelsPerBin(binMs), binMs, workMs));
  }

  private static TreeMap<Long, double[]> counts(TreeMap<Long, Long> bins) {
    TreeMap<Long, double[]> out = new TreeMap<>();
    bins.forEach((k, n) -> out.put(k, new double[] {n, 0}));
    return out;
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
  static List<RunReport.FailureGroup> failures(ReportFacts facts, Map<String, Long> countsByClass) {
    List<RunReport.FailureGroup> groups = new ArrayList<>();
    countsByClass.forEach((k, n) -> groups.add(new RunReport.FailureGroup(k, n,
        facts.firstFailures().getOrDefault(k, List.of()).stream()
            .map(f -> new RunReport.Failure(f.id(), f.message())).toList())));
    groups.sort(Comparator.comparingLong(RunReport.FailureGroup::count).reversed()
        .thenComparing(RunReport.FailureGroup::errorClass));
    return groups;
  }
}
