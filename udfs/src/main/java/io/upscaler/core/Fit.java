package io.upscaler.core;

import java.util.Locale;

/** How a target with both width and height is met. */
public enum Fit {
  /** Keep the aspect ratio; the largest size that fits inside width x height. */
  CONTAIN,
  /** Exactly width x height, ignoring the aspect ratio. */
  STRETCH;

  public static Fit parse(String text) {
    try {
      return valueOf(text.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException | NullPointerException e) {
      throw new IllegalArgumentException("fit must be contain or stretch, not '" + text + "'");
    }
  }
}
