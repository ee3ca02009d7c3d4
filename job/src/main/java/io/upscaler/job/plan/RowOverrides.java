package io.upscaler.job.plan;

import java.io.Serializable;

/**
 * A manifest row's own settings; null fields fall back to the run's settings. Read from the row by
 * {@link WorkItemReader}.
 */
public record RowOverrides(
    Double scale,
    Integer width,
    Integer height,
    String model,
    String format,
    Integer quality,
    Boolean tuneColors,
    String modelType)
    implements Serializable {

  /** A row without a model_type. */
  public RowOverrides(Double scale, Integer width, Integer height, String model, String format,
      Integer quality, Boolean tuneColors) {
    this(scale, width, height, model, format, quality, tuneColors, null);
  }

  public boolean hasSize() {
    return scale != null || width != null || height != null;
  }
}
