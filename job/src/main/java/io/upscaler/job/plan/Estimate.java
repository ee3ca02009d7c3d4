package io.upscaler.job.plan;

import io.upscaler.job.stats.StatsColumns;
import io.upscaler.job.stats.Status;
import java.io.Serializable;

/**
 * What a dry run reports: rows by planned outcome and the work ahead.
 *
 * @param rows manifest rows
 * @param toProcess rows that would be read, upscaled and written
 * @param skipped rows an earlier run finished with the same settings (from its journal)
 * @param failing rows that already fail at planning (bad id, unreadable or oversized header, ...)
 * @param inputMegapixels input pixels of rows to process, in millions
 * @param outputMegapixels output pixels of rows to process, in millions
 * @param teraFlops model compute from the cards' FLOPs, in 10^12 FLOPs
 */
public record Estimate(
    long rows,
    long toProcess,
    long skipped,
    long failing,
    double inputMegapixels,
    double outputMegapixels,
    double teraFlops)
    implements Serializable {

  public static final Estimate ZERO = new Estimate(0, 0, 0, 0, 0, 0, 0);

  public static Estimate of(PlannedItem p) {
    if (p.isSettled()) {
      boolean skipped = p.settled().get(StatsColumns.STATUS) == Status.SKIPPED;
      return new Estimate(1, 0, skipped ? 1 : 0, skipped ? 0 : 1, 0, 0, 0);
    }
    return new Estimate(1, 1, 0, 0, p.info().pixels() / 1e6, p.outputPixels() / 1e6, p.flops() / 1e12);
  }

  public Estimate plus(Estimate o) {
    return new Estimate(rows + o.rows, toProcess + o.toProcess, skipped + o.skipped,
        failing + o.failing, inputMegapixels + o.inputMegapixels,
        outputMegapixels + o.outputMegapixels, teraFlops + o.teraFlops);
  }

  public String describe() {
    return String.format(
        "rows %d: %d to process, %d skipped (done by an earlier run with the same settings), %d failing at"
            + " planning%ninput %.2f MP -> output %.2f MP; model compute %.3f TFLOP",
        rows, toProcess, skipped, failing, inputMegapixels, outputMegapixels, teraFlops);
  }
}
