package io.upscaler.job.config;

import java.util.Locale;

/**
 * The model family in the hosted upscaling APIs' words ({@code --model-type}, manifest column
 * {@code model_type}): Ximilar's {@code model_type}, Stability's "esrgan" versus "latent"
 * upscalers. A type names a registry family; the planner then runs the family's smallest native
 * scale that covers the factor (else its largest, repeated) as for {@code --model}.
 */
public enum ModelType {
  /**
   * The classic, PSNR-trained networks: UpscalerJS's RDN {@code esrgan-medium} family (native x2,
   * x3, x4 and x8; bundled). Faithful, barely sharpens real photos.
   */
  CLASSIC("esrgan-medium"),
  /**
   * GAN-trained Real-ESRGAN general ({@code realesr-general-x4v3}, native x4; bundled): removes
   * noise and blur, the hosted APIs' default. Factors below 4 are resampled from x4; above 4 it
   * runs x4 twice (17 times the work of one pass).
   */
  GAN("realesr-general-x4v3");

  private final String model;

  ModelType(String model) {
    this.model = model;
  }

  /** The registry name (family or id) this type runs. */
  public String model() {
    return model;
  }

  /**
   * Parses "classic" or "gan" (any case, surrounding blanks ignored).
   *
   * @throws IllegalArgumentException naming the value and the allowed ones
   */
  public static ModelType parse(String text) {
    String t = text.strip().toLowerCase(Locale.ROOT);
    for (ModelType m : values()) {
      if (m.name().toLowerCase(Locale.ROOT).equals(t)) {
        return m;
      }
    }
    throw new IllegalArgumentException("model type must be classic or gan, not '" + text + "'");
  }

  /**
   * The model a run asks for: {@code --model}, or the model of {@code --model-type}, or null (the
   * registry default).
   *
   * @throws IllegalArgumentException when both are given
   */
  static String runModel(String model, String modelType) {
    if (modelType == null) {
      return model;
    }
    if (model != null) {
      throw new IllegalArgumentException("give --model or --model-type, not both (model '" + model
          + "', model-type '" + modelType + "')");
    }
    return parse(modelType).model();
  }
}
