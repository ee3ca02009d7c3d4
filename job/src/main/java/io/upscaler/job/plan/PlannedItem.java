package io.upscaler.job.plan;

import io.upscaler.core.image.ImageInfo;
import io.upscaler.job.stats.StatsRecord;
import java.io.Serializable;

/**
 * A row after planning: either decided already ({@link #decided()} holds its finished statistics:
 * SKIPPED, or FAILED before any full read), or ready to process with its header facts, output URI
 * and estimated cost.
 *
 * @param outputPixels planned output pixels (0 when decided)
 * @param flops model FLOPs of the planned passes (0 when decided)
 * @param cost estimated work in FLOP-equivalents (model FLOPs plus per-pixel I/O work)
 */
public record PlannedItem(
    WorkItem item,
    String fingerprint,
    ImageInfo info,
    long inputBytes,
    String outputUri,
    long outputPixels,
    double flops,
    double cost,
    StatsRecord decided)
    implements Serializable {

  public static PlannedItem decided(WorkItem item, String fingerprint, StatsRecord stats) {
    return new PlannedItem(item, fingerprint, null, stats.inputBytes == null ? -1 : stats.inputBytes,
        stats.outputUri, 0, 0, 1.0, stats);
  }

  public boolean isDecided() {
    return decided != null;
  }
}
