package io.upscaler.job.stats;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.util.Map;
import java.util.TreeMap;

/**
 * The run summary ({@code runs/<run_id>/summary.json}), computed from the run's statistics rows
 * as they were committed ({@link Totals}), so it always agrees with the table.
 *
 * @param latencyMs p50, p95 and max of total_ms over OK rows (exact below 1 s, to three
 *     significant digits above)
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

  /**
   * The summary of the rows a run committed, from their {@link Totals} (gathered as they were
   * written: nothing is read back).
   */
  public static Summary of(
      Totals t, String runId, double wallSeconds, Map<String, String> settings) {
    double outMp = t.outputPixels / 1e6;
    Map<String, Long> latency = new TreeMap<>();
    latency.put("p50", t.latencyPercentile(0.5));
    latency.put("p95", t.latencyPercentile(0.95));
    latency.put("max", t.latencyMax());
    long ok = t.byStatus.getOrDefault("OK", 0L);
    return new Summary(
        runId, t.rows, ok, t.byStatus.getOrDefault("FAILED", 0L),
        t.byStatus.getOrDefault("SKIPPED", 0L), new TreeMap<>(t.failuresByClass),
        t.inputPixels / 1e6, outMp, wallSeconds, wallSeconds > 0 ? outMp / wallSeconds : 0,
        latency, new TreeMap<>(t.sessionLoads), String.join(",", t.models),
        String.join(",", t.devices), new TreeMap<>(settings), t.costUsd,
        perMillion(t.costUsd, ok));
  }

  /** Cost per million OK images; null without a cost or without OK images. */
  static Double perMillion(Double cost, long ok) {
    return cost == null || ok == 0 ? null : cost / ok * 1e6;
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
