package io.upscaler.core;

import java.util.Locale;

/** How the alpha channel is upscaled (colour always goes through the model). */
public enum AlphaMode {
  /** Bicubic resampling straight to the output size: cheap, smooth edges. */
  BICUBIC,
  /** The model, fed the alpha channel as a grey picture: sharper edges, one more model run. */
  MODEL;

  public static AlphaMode parse(String text) {
    try {
      return valueOf(text.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException | NullPointerException e) {
      throw new IllegalArgumentException("alpha mode must be bicubic or model, not '" + text + "'");
    }
  }
}
