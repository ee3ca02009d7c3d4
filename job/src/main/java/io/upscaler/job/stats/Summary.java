package io.upscaler.job.stats;

import static org.apache.spark.sql.functions.array_sort;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_set;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The run summary ({@code runs/<run_id>/summary.json}), computed from the run's statistics rows
 * as written, so it always agrees with the table.
 *
 * @param latencyMs p50, p95 and max of total_ms over OK rows
 * @param sessionLoads executor id → model sessions it built during this run
 * @param costUsd the sum of the rows' cost_usd; null when the run had no price
 * @param costPerMillionImages costUsd per OK image, times a million; null without a price or OK rows
 */
public record Summary(
    String runId,
    long rows,
    long ok,
    long failed,
    long skipped,
    Map<String, Long> failuresByClass,
    double inputMegapixels,
    double outputMegapixels,
    double wallSeconds,
    double throughputOutputMpPerS,
    Map<String, Long> latencyMs,
    Map<String, Long> sessionLoads,
    String model,
    String device,
    Map<String, String> settings,
    Double costUsd,
    Double costPerMillionImages) {

  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  public static Summary compute(
      Dataset<Row> stats, String runId, double wallSeconds, Map<String, String> settings) {
    Column ok = col("status").equalTo("OK");
    Row t =
        stats
            .agg(
                sum(when(ok, col("input_width").cast("double").multiply(col("input_height")))),
                sum(when(ok, col("output_width").cast("double").multiply(col("output_height")))),
                expr("percentile(CASE WHEN status = 'OK' THEN total_ms END, 0.5)"),
                expr("percentile(CASE WHEN status = 'OK' THEN total_ms END, 0.95)"),
                max(when(ok, col("total_ms"))),
                array_sort(collect_set(when(ok, col("model")))),
                array_sort(collect_set(when(ok, col("device")))),
                sum(col(StatsColumns.COST_USD.name())))
            .first();
    Counts counts = Counts.of(stats);
    double outMp = doubleOr0(t, 1) / 1e6;
    Double cost = t.isNullAt(7) ? null : t.getDouble(7);
    Map<String, Long> latency = new TreeMap<>();
    latency.put("p50", t.isNullAt(2) ? 0 : Math.round(t.getDouble(2)));
    latency.put("p95", t.isNullAt(3) ? 0 : Math.round(t.getDouble(3)));
    latency.put("max", t.isNullAt(4) ? 0 : t.getLong(4));
    return new Summary(
        runId, counts.rows, counts.byStatus.getOrDefault("OK", 0L),
        counts.byStatus.getOrDefault("FAILED", 0L), counts.byStatus.getOrDefault("SKIPPED", 0L),
        counts.failuresByClass, doubleOr0(t, 0) / 1e6, outMp, wallSeconds,
        wallSeconds > 0 ? outMp / wallSeconds : 0, latency, counts.sessionLoads,
        String.join(",", t.<String>getList(5)), String.join(",", t.<String>getList(6)),
        new TreeMap<>(settings), cost, perMillion(cost, counts.byStatus.getOrDefault("OK", 0L)));
  }

  /** Cost per million OK images; null without a cost or without OK images. */
  static Double perMillion(Double cost, long ok) {
    return cost == null || ok == 0 ? null : cost / ok * 1e6;
  }

  private static double doubleOr0(Row r, int i) {
    return r.isNullAt(i) ? 0 : ((Number) r.get(i)).doubleValue();
  }

  /** Row counts by status, failures by class and session builds by executor: one small query. */
  private record Counts(
      long rows, Map<String, Long> byStatus, Map<String, Long> failuresByClass,
      Map<String, Long> sessionLoads) {
    static Counts of(Dataset<Row> stats) {
      List<Row> groups =
          stats
              .groupBy(col("status"), col("error_class"), col("executor_id"))
              .agg(count(lit(1)), sum(when(col("session_loaded"), 1).otherwise(0)))
              .collectAsList();
      long rows = 0;
      Map<String, Long> byStatus = new TreeMap<>();
      Map<String, Long> failures = new TreeMap<>();
      Map<String, Long> loads = new TreeMap<>();
      for (Row g : groups) {
        long n = g.getLong(3);
        rows += n;
        byStatus.merge(g.getString(0), n, Long::sum);
        if ("FAILED".equals(g.getString(0))) {
          failures.merge(g.isNullAt(1) ? "null" : g.getString(1), n, Long::sum);
        }
        if (!g.isNullAt(2)) {
          loads.merge(g.getString(2), g.getLong(4), Long::sum);
        }
      }
      return new Counts(rows, byStatus, failures, loads);
    }
  }

  /** The summary as JSON, keys in snake_case as documented. */
  public byte[] toJson() {
    Map<String, Object> m = new java.util.LinkedHashMap<>();
    m.put("run_id", runId);
    m.put("rows", rows);
    m.put("ok", ok);
    m.put("failed", failed);
    m.put("skipped", skipped);
    m.put("failures_by_class", failuresByClass);
    m.put("input_megapixels", inputMegapixels);
    m.put("output_megapixels", outputMegapixels);
    m.put("wall_seconds", wallSeconds);
    m.put("throughput_output_mp_per_s", throughputOutputMpPerS);
    m.put("latency_ms", latencyMs);
    m.put("session_loads", sessionLoads);
    m.put("model", model);
    m.put("device", device);
    m.put("cost_usd", costUsd);
    m.put("cost_usd_per_million_images", costPerMillionImages);
    m.put("settings", settings);
    try {
      return JSON.writeValueAsBytes(m);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A short table for the console. */
  public String table() {
    StringBuilder b = new StringBuilder();
    b.append(String.format("%n  run %s%n", runId));
    b.append(String.format("  rows %d   ok %d   failed %d   skipped %d%n", rows, ok, failed, skipped));
    failuresByClass.forEach((k, v) -> b.append(String.format("    %-22s %d%n", k, v)));
    b.append(String.format("  input %.2f MP -> output %.2f MP in %.1f s (%.3f output MP/s)%n",
        inputMegapixels, outputMegapixels, wallSeconds, throughputOutputMpPerS));
    b.append(String.format("  latency ms  p50 %d  p95 %d  max %d%n",
        latencyMs.get("p50"), latencyMs.get("p95"), latencyMs.get("max")));
    b.append(costUsd == null ? String.format("  cost -  (no price: give --price-per-hour or --instance)%n")
        : String.format("  cost $%.4f  ($%.2f per million images)%n", costUsd,
            costPerMillionImages == null ? 0.0 : costPerMillionImages));
    b.append(String.format("  model %s on %s; sessions built %s%n",
        model.isEmpty() ? "-" : model, device.isEmpty() ? "-" : device, sessionLoads));
    return b.toString();
  }
}
