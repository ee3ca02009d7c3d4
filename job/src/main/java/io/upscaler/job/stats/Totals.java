package io.upscaler.job.stats;

import java.io.Serializable;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.spark.sql.Row;

/**
 * What the run summary needs of a run's statistics rows, added up as the rows are written: counts
 * by status and failure class, megapixels and latencies of OK rows, sessions built per executor,
 * the models and devices used, the cost. Its size does not grow with the row count: latencies are counted
 * in buckets exact to the millisecond below one second and to three significant digits above.
 *
 * <p>Mutable, not thread-safe: one per task (in an accumulator), merged on the driver.
 */
public final class Totals implements Serializable {
  private static final long serialVersionUID = 1L;

  long rows;
  final Map<String, Long> byStatus = new TreeMap<>();
  final Map<String, Long> failuresByClass = new TreeMap<>();
  final Map<String, Long> sessionLoads = new TreeMap<>();
  final TreeMap<Long, Long> okLatencyMs = new TreeMap<>();
  final TreeSet<String> models = new TreeSet<>();
  final TreeSet<String> devices = new TreeSet<>();
  double inputPixels;
  double outputPixels;
  /** Sum of the rows' cost_usd; null while no row had one. */
  Double costUsd;

  /** Adds one statistics row (fixed columns at their {@link StatsColumns} positions). */
  public void add(Row r) {
    rows++;
    String status = r.getString(StatsColumns.STATUS.index());
    byStatus.merge(status, 1L, Long::sum);
    if (Status.FAILED.name().equals(status)) {
      Object kind = r.get(StatsColumns.ERROR_CLASS.index());
      failuresByClass.merge(kind == null ? "null" : kind.toString(), 1L, Long::sum);
    }
    Object cost = r.get(StatsColumns.COST_USD.index());
    if (cost != null) {
      costUsd = (costUsd == null ? 0 : costUsd) + ((Number) cost).doubleValue();
    }
    Object executor = r.get(StatsColumns.EXECUTOR_ID.index());
    if (executor != null) {
      boolean loaded = Boolean.TRUE.equals(r.get(StatsColumns.SESSION_LOADED.index()));
      sessionLoads.merge(executor.toString(), loaded ? 1L : 0L, Long::sum);
    }
    if (Status.OK.name().equals(status)) {
      inputPixels += pixels(r, StatsColumns.INPUT_WIDTH, StatsColumns.INPUT_HEIGHT);
      outputPixels += pixels(r, StatsColumns.OUTPUT_WIDTH, StatsColumns.OUTPUT_HEIGHT);
      okLatencyMs.merge(bucket(r.getLong(StatsColumns.TOTAL_MS.index())), 1L, Long::sum);
      addIfPresent(models, r.get(StatsColumns.MODEL.index()));
      addIfPresent(devices, r.get(StatsColumns.DEVICE.index()));
    }
  }

  /** Adds everything {@code o} holds. */
  public void merge(Totals o) {
    rows += o.rows;
    o.byStatus.forEach((k, v) -> byStatus.merge(k, v, Long::sum));
    o.failuresByClass.forEach((k, v) -> failuresByClass.merge(k, v, Long::sum));
    o.sessionLoads.forEach((k, v) -> sessionLoads.merge(k, v, Long::sum));
    o.okLatencyMs.forEach((k, v) -> okLatencyMs.merge(k, v, Long::sum));
    models.addAll(o.models);
    devices.addAll(o.devices);
    inputPixels += o.inputPixels;
    outputPixels += o.outputPixels;
    if (o.costUsd != null) {
      costUsd = (costUsd == null ? 0 : costUsd) + o.costUsd;
    }
  }

  public boolean isEmpty() {
    return rows == 0;
  }

  /**
   * The p-th percentile (0..1) of OK rows' total_ms, interpolated between ranks as Spark SQL's
   * {@code percentile} does; 0 without OK rows.
   */
  long latencyPercentile(double p) {
    long n = okLatencyMs.values().stream().mapToLong(Long::longValue).sum();
    if (n == 0) {
      return 0;
    }
    double position = p * (n - 1);
    long below = (long) Math.floor(position);
    double low = valueAtRank(below);
    double high = valueAtRank(Math.min(n - 1, below + 1));
    return Math.round(low + (high - low) * (position - below));
  }

  long latencyMax() {
    return okLatencyMs.isEmpty() ? 0 : okLatencyMs.lastKey();
  }

  private long valueAtRank(long rank) {
    long seen = 0;
    for (Map.Entry<Long, Long> e : okLatencyMs.entrySet()) {
      seen += e.getValue();
      if (rank < seen) {
        return e.getKey();
      }
    }
    return okLatencyMs.lastKey();
  }

  /** Exact below a second; above, rounded to three significant digits (within 0.5%). */
  static long bucket(long ms) {
    if (ms < 1000) {
      return ms;
    }
    long scale = 1;
    while (ms / scale >= 1000) {
      scale *= 10;
    }
    return Math.round((double) ms / scale) * scale;
  }

  private static double pixels(Row r, StatsColumn<Integer> width, StatsColumn<Integer> height) {
    Object w = r.get(width.index());
    Object h = r.get(height.index());
    return w == null || h == null ? 0 : ((Number) w).doubleValue() * ((Number) h).doubleValue();
  }

  private static void addIfPresent(TreeSet<String> set, Object value) {
    if (value != null) {
      set.add(value.toString());
    }
  }
}
