package io.upscaler.core.resize;

/** Reconstruction filters for {@link Resampler}. */
public enum Filter {
  /** Lanczos windowed sinc, 3 lobes: sharp, for final resizing of model outputs. */
  LANCZOS3(3.0) {
    @Override
    double weight(double x) {
      x = Math.abs(x);
      if (x < 1e-8) {
        return 1.0;
      }
      if (x >= 3.0) {
        return 0.0;
      }
      double px = Math.PI * x;
      return 3.0 * Math.sin(px) * Math.sin(px / 3.0) / (px * px);
    }
  },
  /** Keys cubic convolution with a = -0.5 ("bicubic"): smooth, for alpha and references. */
  CUBIC(2.0) {
    @Override
    double weight(double x) {
      x = Math.abs(x);
      if (x < 1.0) {
        return (1.5 * x - 2.5) * x * x + 1.0;
      }
      if (x < 2.0) {
        return ((-0.5 * x + 2.5) * x - 4.0) * x + 2.0;
      }
      return 0.0;
    }
  },
  /** Linear interpolation (tent). */
  LINEAR(1.0) {
    @Override
    double weight(double x) {
      x = Math.abs(x);
      return x < 1.0 ? 1.0 - x : 0.0;
    }
  };

  private final double radius;

  Filter(double radius) {
    this.radius = radius;
  }

  /** Support radius in source pixels at scale 1. */
  public double radius() {
    return radius;
  }

  abstract double weight(double x);
}
