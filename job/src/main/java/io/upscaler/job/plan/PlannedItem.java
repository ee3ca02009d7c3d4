package io.upscaler.job.plan;

import io.upscaler.core.image.ImageInfo;
import io.upscaler.job.stats.StatsRecord;
import java.io.Serializable;

/**
 * A row after planning: either settled already ({@link #settled()} holds its finished statistics:
 * SKIPPED, or FAILED before any full read), or ready to process with what planning learned and
 * decided, carried to the work so nothing is probed or planned twice.
 *
 * @param fingerprint the row's settings fingerprint (null when settled before it was known)
 * @param info the input's header facts (null when settled)
 * @param inputBytes the input's size in bytes (-1 when unknown)
 * @param outputUri where the output goes (null when settled)
 * @param plan the row's request, passes, output size and encoding (null when settled)
 * @param cost estimated work in FLOP-equivalents (model FLOPs plus per-pixel I/O work)
 */
public record PlannedItem(
    WorkItem item,
    String fingerprint,
    ImageInfo info,
    long inputBytes,
    String outputUri,
    RequestPlanner.RowPlan plan,
    double cost,
    StatsRecord settled)
    implements Serializable {

  /** A row finished at planning; its statistics are final. */
  public static PlannedItem settled(WorkItem item, StatsRecord stats) {
    return new PlannedItem(item, null, null, -1, null, null, 1.0, stats);
  }

  /** A row to process. */
  public static PlannedItem live(WorkItem item, String fingerprint, ImageInfo info, long inputBytes,
      String outputUri, RequestPlanner.RowPlan plan) {
    double cost = CostModel.cost(plan.planned().passes(), info.pixels(), plan.outputPixels());
    return new PlannedItem(item, fingerprint, info, inputBytes, outputUri, plan, cost, null);
  }

  public boolean isSettled() {
    return settled != null;
  }

  /** Planned output pixels (0 when settled). */
  public long outputPixels() {
    return plan == null ? 0 : plan.outputPixels();
  }

  /** Model FLOPs of the planned passes (0 when settled). */
  public double flops() {
    return plan == null ? 0 : plan.planned().passes().flops(info.pixels());
  }
}
