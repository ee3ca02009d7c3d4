package io.upscaler.job.stats;

import static org.apache.spark.sql.functions.col;
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
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The run summary ({@code runs/<run_id>/summary.json}), computed from the run's statistics rows
 * as written, so it always agrees with the table.
 *
 * @param latencyMs p50, p95 and max of total_ms over OK rows
 * @param sessionLoads executor id → model sessions it built during this run
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
    Map<String, String> settings) {

  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  public static Summary compute(
      Dataset<Row> stats, String runId, double wallSeconds, Map<String, String> settings) {
    Row totals =
        stats
            .agg(
                count(lit(1)),
                sum(when(col("status").equalTo("OK"), 1).otherwise(0)),
                sum(when(col("status").equalTo("FAILED"), 1).otherwise(0)),
                sum(when(col("status").equalTo("SKIPPED"), 1).otherwise(0)),
                sum(when(col("status").equalTo("OK"),
                    col("input_width").cast("double").multiply(col("input_height")))),
                sum(when(col("status").equalTo("OK"),
                    col("output_width").cast("double").multiply(col("output_height")))))
            .first();
    double outMp = doubleOr0(totals, 5) / 1e6;
    return new Summary(
        runId,
        totals.getLong(0),
        totals.getLong(1),
        totals.getLong(2),
        totals.getLong(3),
        countsBy(stats.where(col("status").equalTo("FAILED")), "error_class"),
        doubleOr0(totals, 4) / 1e6,
        outMp,
        wallSeconds,
        wallSeconds > 0 ? outMp / wallSeconds : 0,
        latency(stats),
        sessionLoads(stats),
        distinct(stats, "model"),
        distinct(stats, "device"),
        new TreeMap<>(settings));
  }

  private static double doubleOr0(Row r, int i) {
    return r.isNullAt(i) ? 0 : ((Number) r.get(i)).doubleValue();
  }

  private static Map<String, Long> countsBy(Dataset<Row> rows, String column) {
    Map<String, Long> out = new TreeMap<>();
    for (Row r : rows.groupBy(col(column)).count().collectAsList()) {
      out.put(r.isNullAt(0) ? "null" : r.getString(0), r.getLong(1));
    }
    return out;
  }

  private static Map<String, Long> latency(Dataset<Row> stats) {
    Row r =
        stats
            .where(col("status").equalTo("OK"))
            .selectExpr(
                "percentile(total_ms, 0.5)", "percentile(total_ms, 0.95)", "max(total_ms)")
            .first();
    Map<String, Long> out = new TreeMap<>();
    out.put("p50", r.isNullAt(0) ? 0 : Math.round(r.getDouble(0)));
    out.put("p95", r.isNullAt(1) ? 0 : Math.round(r.getDouble(1)));
    out.put("max", r.isNullAt(2) ? 0 : r.getLong(2));
    return out;
  }

  private static Map<String, Long> sessionLoads(Dataset<Row> stats) {
    Map<String, Long> out = new TreeMap<>();
    List<Row> rows =
        stats
            .where(col("executor_id").isNotNull())
            .groupBy(col("executor_id"))
            .agg(sum(when(col("session_loaded"), 1).otherwise(0)))
            .collectAsList();
    for (Row r : rows) {
      out.put(r.getString(0), r.getLong(1));
    }
    return out;
  }

  private static String distinct(Dataset<Row> stats, String column) {
    List<Row> rows =
        stats.where(col("status").equalTo("OK").and(col(column).isNotNull()))
            .select(col(column)).distinct().orderBy(col(column)).limit(20).collectAsList();
    return String.join(",", rows.stream().map(r -> r.getString(0)).toList());
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
    b.append(String.format("  model %s on %s; sessions built %s%n", model, device, sessionLoads));
    return b.toString();
  }
}
