package io.upscaler.core;

import io.upscaler.models.ModelCard;
import java.io.Serializable;
import java.util.List;

/**
 * How to upscale one image. Immutable and serializable: the job builds one per manifest row from
 * the run's settings and the row's overrides.
 *
 * @param family models to plan passes with (one family, any native scales)
 * @param target output size
 * @param tile largest tile core side in input pixels
 * @param batch tiles per model call
 * @param pad context per tile side in input pixels; negative means the model's receptive-field
 *     radius, which makes tiled output equal whole-image output
 * @param tuneColors match output colour statistics to the input ({@link
 *     io.upscaler.core.color.ColorTuner})
 * @param alphaMode how alpha is upscaled
 * @param maxOutputPixels refuse (OUTPUT_TOO_LARGE) outputs larger than this; intermediate model
 *     outputs may be up to twice this
 */
public record UpscaleRequest(
    List<ModelCard> family,
    TargetSize target,
    int tile,
    int batch,
    int pad,
    boolean tuneColors,
    AlphaMode alphaMode,
    long maxOutputPixels)
    implements Serializable {

  public UpscaleRequest {
    family = List.copyOf(family);
    if (family.isEmpty()) {
      throw new IllegalArgumentException("a request needs at least one model");
    }
    if (tile < 1 || batch < 1 || maxOutputPixels < 1) {
      throw new IllegalArgumentException(
          "tile, batch and maxOutputPixels must be positive: " + tile + ", " + batch + ", "
              + maxOutputPixels);
    }
  }

  /** A request with defaults: tile 512, batch 1, exact padding, no tuning, bicubic alpha. */
  public static UpscaleRequest of(List<ModelCard> family, TargetSize target) {
    return new UpscaleRequest(
        family, target, 512, 1, -1, false, AlphaMode.BICUBIC, 256L * 1024 * 1024);
  }

  public UpscaleRequest withTile(int tile, int batch, int pad) {
    return new UpscaleRequest(family, target, tile, batch, pad, tuneColors, alphaMode, maxOutputPixels);
  }

  public UpscaleRequest withTuneColors(boolean tune) {
    return new UpscaleRequest(family, target, tile, batch, pad, tune, alphaMode, maxOutputPixels);
  }

  public UpscaleRequest withAlphaMode(AlphaMode mode) {
    return new UpscaleRequest(family, target, tile, batch, pad, tuneColors, mode, maxOutputPixels);
  }

  public UpscaleRequest withMaxOutputPixels(long max) {
    return new UpscaleRequest(family, target, tile, batch, pad, tuneColors, alphaMode, max);
  }
}
