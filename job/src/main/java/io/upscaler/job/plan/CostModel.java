package io.upscaler.job.plan;

import io.upscaler.core.ScalePlan;
import io.upscaler.core.UpscaleException;
import io.upscaler.core.image.ImageFormat;
import io.upscaler.core.image.ImageInfo;
import java.util.Locale;

/**
 * Estimated work of one image, in FLOP-equivalents: the model passes' FLOPs (from the cards)
 * plus decode, resample and encode work proportional to pixels. Only ratios matter: it balances
 * partitions and sizes dry-run estimates.
 */
public final class CostModel {
  /** Non-model work per output pixel (resample, encode, copy), in FLOP-equivalents. */
  static final double IO_PER_OUTPUT_PIXEL = 2_000;
  /** Fixed work per image (request, open, small reads). */
  static final double PER_IMAGE = 1e6;
  /** The size assumed for an input nothing is known of: all such rows weigh the same. */
  static final long UNKNOWN_PIXELS = 1_000_000;

  private CostModel() {}

  public static double cost(ScalePlan passes, long inputPixels, long outputPixels) {
    return passes.flops(inputPixels) + IO_PER_OUTPUT_PIXEL * outputPixels + PER_IMAGE;
  }

  /**
   * A row's cost before its image is read, from its {@link SizeHint}: the hinted size, else a size
   * guessed from the byte count and the file extension, else {@link #UNKNOWN_PIXELS}. A row that
   * will settle without work (an earlier run's output, bad settings) costs {@link #PER_IMAGE}.
   */
  public static double estimate(RequestPlanner planner, WorkItem item) {
    SizeHint hint = item.hint();
    long pixels = hint.hasPixels() ? (long) hint.width() * hint.height()
        : hint.hasBytes() ? (long) (hint.bytes() * pixelsPerByte(item.uri()))
        : UNKNOWN_PIXELS;
    int w = hint.hasPixels() ? hint.width() : (int) Math.max(1, Math.min(1 << 20, Math.sqrt(pixels)));
    int h = hint.hasPixels() ? hint.height() : w;
    try {
      if (!planner.config().overwrite() && item.journalFingerprint() != null
          && item.journalFingerprint().equals(planner.fingerprint(item.overrides()))) {
        return PER_IMAGE;
      }
      RequestPlanner.RowPlan plan =
          planner.plan(item.overrides(), new ImageInfo(ImageFormat.PNG, w, h, 3, 8, false));
      return cost(plan.planned().passes(), (long) w * h, plan.outputPixels());
    } catch (UpscaleException | RuntimeException e) {
      return PER_IMAGE;
    }
  }

  /**
   * Decoded pixels per encoded byte, roughly, by file extension: lossy photos compress to a few
   * bits a pixel, lossless ones to one or two bytes. Medians on benchmarks/flow.sh's catalogue: JPEG q90 4.2, PNG 0.41.
   */
  static double pixelsPerByte(String uri) {
    String u = uri == null ? "" : uri.toLowerCase(Locale.ROOT);
    if (u.endsWith(".jpg") || u.endsWith(".jpeg") || u.endsWith(".webp")) {
      return 4.0;
    }
    if (u.endsWith(".png") || u.endsWith(".tif") || u.endsWith(".tiff") || u.endsWith(".bmp")
        || u.endsWith(".psd")) {
      return 0.5;
    }
    return 1.5;
  }
}
