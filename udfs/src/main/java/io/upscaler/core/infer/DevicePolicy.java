package io.upscaler.core.infer;

import java.util.Locale;

/** Which device inference may use. */
public enum DevicePolicy {
  /** Always the CPU provider. */
  CPU,
  /** The CUDA provider on the assigned GPU; no GPU or a CUDA failure is an error. */
  GPU,
  /** CUDA when a GPU is assigned and loads; otherwise the CPU, with a logged warning. */
  AUTO;

  /** Parses "cpu", "gpu" or "auto", ignoring case. */
  public static DevicePolicy parse(String text) {
    try {
      return valueOf(text.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException | NullPointerException e) {
      throw new IllegalArgumentException("device must be auto, cpu or gpu, not '" + text + "'");
    }
  }
}
