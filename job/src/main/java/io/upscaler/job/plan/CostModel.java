package io.upscaler.job.plan;

import io.upscaler.core.ScalePlan;

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

  private CostModel() {}

  public static double cost(ScalePlan passes, long inputPixels, long outputPixels) {
    return passes.flops(inputPixels) + IO_PER_OUTPUT_PIXEL * outputPixels + PER_IMAGE;
  }
}
