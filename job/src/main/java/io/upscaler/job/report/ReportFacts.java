package io.upscaler.job.report;

import io.upscaler.job.stats.StatsColumn;
import io.upscaler.job.stats.StatsColumns;
import io.upscaler.job.stats.Status;
import java.io.Serializable;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Row;

/**
 * What the run report draws from a run's statistics rows, gathered as the rows are committed (so
 * the report never reads the table back): latency, input size and output size histograms in fixed
 * logarithmic bins ({@value ReportQueries#BINS_PER_OCTAVE} per doubling), output pixels by the
 * second in which their row finished, and the first {@value ReportQueries#FIRST_FAILURES} failed
 * rows of every error class by start time, then id. Its size does not grow with the row count:
 * a few hundred bins per histogram, at most {@value #MAX_TIME_BINS} time bins (a long run's
 * bins are widened by doubling), five failures per class with messages cut to {@value
 * ReportQueries#MESSAGE_CHARS} characters.
 *
 * <p>Mutable, not thread-safe: one per task (in a {@link ReportFactsAccumulator}), merged on the
 * driver.
 */
public final class ReportFacts implements Serializable {
  private static final long serialVersionUID = 1L;
  /** Time bins kept before their width doubles. */
  static final int MAX_TIME_BINS = 1024;
  private static final long SECOND_MS = 1000;
  private static final Comparator<FirstFailure> ORDER = Comparator
      .comparing(FirstFailure::startedAtMillis, Comparator.nullsFirst(Comparator.naturalOrder()))
      .thenComparing(FirstFailure::id, Comparator.nullsFirst(Comparator.naturalOrder()));

  /** A failed row as the report lists it. */
  record FirstFailure(Long startedAtMillis, String id, String message) implements Serializable {}

  private final long workStartMillis;
  /** Time bins are {@code SECOND_MS << timeShift} wide, starting at the work's start. */
  private int timeShift;
  final TreeMap<Long, Long> latency = new TreeMap<>();
  final TreeMap<Long, Long> inputPixels = new TreeMap<>();
  final TreeMap<Long, Long> outputBytes = new TreeMap<>();
  private final TreeMap<Long, Double> outputPixelsByTime = new TreeMap<>();
  private final TreeMap<String, List<FirstFailure>> firstFailures = new TreeMap<>();

  /** @param workStartMillis epoch milliseconds at which the work began (time bin 0) */
  public ReportFacts(long workStartMillis) {
    this.workStartMillis = workStartMillis;
  }

  /** An empty copy: same work start, no rows. */
  ReportFacts empty() {
    return new ReportFacts(workStartMillis);
  }

  /** Adds one statistics row (fixed columns at their {@link StatsColumns} positions). */
  public void add(Row r) {
    String status = r.getString(StatsColumns.STATUS.index());
    Double inPx = pixels(r, StatsColumns.INPUT_WIDTH, StatsColumns.INPUT_HEIGHT);
    if (inPx != null) {
      count(inputPixels, inPx);
    }
    Long totalMs = (Long) r.get(StatsColumns.TOTAL_MS.index());
    if (Status.OK.name().equals(status)) {
      addOk(r, totalMs);
    } else if (Status.FAILED.name().equals(status)) {
      Object kind = r.get(StatsColumns.ERROR_CLASS.index());
      String message = r.getString(StatsColumns.ERROR_MESSAGE.index());
      Timestamp started = (Timestamp) r.get(StatsColumns.STARTED_AT.index());
      keepFirst(kind == null ? "null" : kind.toString(), new FirstFailure(
          started == null ? null : started.getTime(), r.getString(StatsColumns.ID.index()),
          message == null ? "" : message.substring(0, Math.min(message.length(), ReportQueries.MESSAGE_CHARS))));
    }
  }

  private void addOk(Row r, Long totalMs) {
    if (totalMs != null) {
      count(latency, totalMs);
    }
    Long bytes = (Long) r.get(StatsColumns.OUTPUT_BYTES.index());
    if (bytes != null) {
      count(outputBytes, bytes);
    }
    Timestamp started = (Timestamp) r.get(StatsColumns.STARTED_AT.index());
    if (started != null && totalMs != null) {
      Double outPx = pixels(r, StatsColumns.OUTPUT_WIDTH, StatsColumns.OUTPUT_HEIGHT);
      long bin = Math.floorDiv(started.getTime() + totalMs - workStartMillis, SECOND_MS << timeShift);
      outputPixelsByTime.merge(bin, outPx == null ? 0.0 : outPx, Double::sum);
      while (outputPixelsByTime.size() > MAX_TIME_BINS) {
        widenTimeBins();
      }
    }
  }

  /** Counts {@code x} in its logarithmic bin. */
  private static void count(TreeMap<Long, Long> bins, double x) {
    bins.merge(logBin(x), 1L, Long::sum);
  }

  /**
   * Bin b holds values in [2^(b/8), 2^((b+1)/8)); values below 1 go to bin 0. StrictMath, as
   * Spark SQL's log2, so a value on a bin's edge lands where the table's own query puts it.
   */
  static long logBin(double x) {
    return (long) Math.floor(StrictMath.log(Math.max(x, 1.0)) / StrictMath.log(2) * ReportQueries.BINS_PER_OCTAVE);
  }

  private void keepFirst(String errorClass, FirstFailure f) {
    List<FirstFailure> first = firstFailures.computeIfAbsent(errorClass, k -> new ArrayList<>());
    first.add(f);
    first.sort(ORDER);
    if (first.size() > ReportQueries.FIRST_FAILURES) {
      first.remove(first.size() - 1);
    }
  }

  private void widenTimeBins() {
    TreeMap<Long, Double> wider = new TreeMap<>();
    outputPixelsByTime.forEach((k, v) -> wider.merge(Math.floorDiv(k, 2), v, Double::sum));
    outputPixelsByTime.clear();
    outputPixelsByTime.putAll(wider);
    timeShift++;
  }

  /** Adds everything {@code o} holds (gathered from the same work start). */
  public void merge(ReportFacts o) {
    while (timeShift < o.timeShift) {
      widenTimeBins();
    }
    o.latency.forEach((k, v) -> latency.merge(k, v, Long::sum));
    o.inputPixels.forEach((k, v) -> inputPixels.merge(k, v, Long::sum));
    o.outputBytes.forEach((k, v) -> outputBytes.merge(k, v, Long::sum));
    int shift = timeShift - o.timeShift;
    o.outputPixelsByTime.forEach((k, v) -> outputPixelsByTime.merge(k >> shift, v, Double::sum));
    while (outputPixelsByTime.size() > MAX_TIME_BINS) {
      widenTimeBins();
    }
    o.firstFailures.forEach((k, list) -> list.forEach(f -> keepFirst(k, f)));
  }

  public boolean isEmpty() {
    return latency.isEmpty() && inputPixels.isEmpty() && firstFailures.isEmpty() && outputPixelsByTime.isEmpty();
  }

  /** Width of a time bin in milliseconds: a second, doubled for every widening. */
  long timeBinMs() {
    return SECOND_MS << timeShift;
  }

  /**
   * Output pixels per bin of {@code binMs} (a multiple of {@link #timeBinMs()}), keyed by bin
   * number from the work's start, as {@code {0, pixels}} pairs for {@link ReportQueries#series}.
   */
  TreeMap<Long, double[]> outputPixelsPerBin(long binMs) {
    long per = binMs / timeBinMs();
    TreeMap<Long, double[]> out = new TreeMap<>();
    outputPixelsByTime.forEach((k, v) -> out.computeIfAbsent(Math.floorDiv(k, per), b -> new double[2])[1] += v);
    return out;
  }

  /** The first failed rows of each class, by start time then id. */
  Map<String, List<FirstFailure>> firstFailures() {
    return firstFailures;
  }

  private static Double pixels(Row r, StatsColumn<Integer> width, StatsColumn<Integer> height) {
    Object w = r.get(width.index());
    Object h = r.get(height.index());
    return w == null || h == null ? null : ((Number) w).doubleValue() * ((Number) h).doubleValue();
  }
}
