package io.upscaler.job.report;

/** The text of one progress line (pure arithmetic; see {@link Progress}). */
final class ProgressLine {
  private ProgressLine() {}

  /**
   * Formats {@code now}'s counts against {@code previous} ones taken {@code interval} seconds
   * before: e.g. "run r: 40/100 images (40.0%): ok 38, failed 2, skipped 0; output 0.91 MP/s
   * (last 15 s), 0.85 MP/s overall; cost $0.0123 so far; ETA 1 min 20 s".
   *
   * @param totalFlops planned model FLOPs; the ETA scales elapsed time by the share still to do
   *     (by rows when there is no model work)
   */
  static String format(String runId, Progress.Counts now, Progress.Counts previous, long total,
      double totalFlops, double elapsed, double interval, boolean priced) {
    double fraction = totalFlops > 0 ? Math.min(1, now.flops() / totalFlops)
        : total > 0 ? (double) now.done() / total : 1;
    String eta = fraction >= 1 ? "0 s"
        : fraction <= 0 ? "-" : Durations.format(elapsed * (1 - fraction) / fraction);
    double recent = interval > 0 ? (now.outputPixels() - previous.outputPixels()) / 1e6 / interval : 0;
    double overall = elapsed > 0 ? now.outputPixels() / 1e6 / elapsed : 0;
    return String.format(
        "run %s: %d/%d images (%.1f%%): ok %d, failed %d, skipped %d; output %.3f MP/s (last %s),"
            + " %.3f MP/s overall; cost %s so far; ETA %s",
        runId, now.done(), total, total > 0 ? 100.0 * now.done() / total : 100.0, now.ok(),
        now.failed(), now.skipped(), recent, Durations.format(interval), overall,
        priced ? String.format("$%.4f", now.costUsd()) : "n/a (no price)", eta);
  }
}
