package io.upscaler.core;

import java.io.Serializable;

/**
 * The requested output size: a scale factor, a width, a height, or a box with a {@link Fit}.
 * Output dimensions are exactly round(input x factor) on each axis, or the target itself.
 */
public sealed interface TargetSize extends Serializable {

  /** Output dimensions for an input of {@code width} x {@code height}. */
  Dimensions resolve(int width, int height);

  /** Output width and height in pixels. */
  record Dimensions(int width, int height) implements Serializable {
    /** The larger of the two axis factors relative to an input size. */
    public double factorOver(int inWidth, int inHeight) {
      return Math.max((double) width / inWidth, (double) height / inHeight);
    }
  }

  /** Any factor >= 1 (1.5, 4, 6 ...). */
  record Factor(double factor) implements TargetSize {
    public Factor {
      if (!(factor >= 1.0) || Double.isInfinite(factor)) {
        throw new IllegalArgumentException("scale must be a number >= 1, not " + factor);
      }
    }

    @Override
    public Dimensions resolve(int width, int height) {
      return new Dimensions(round(width * factor), round(height * factor));
    }
  }

  /** A width; the height keeps the aspect ratio. */
  record Width(int width) implements TargetSize {
    public Width {
      positive("width", width);
    }

    @Override
    public Dimensions resolve(int w, int h) {
      return new Dimensions(width, round((double) h * width / w));
    }
  }

  /** A height; the width keeps the aspect ratio. */
  record Height(int height) implements TargetSize {
    public Height {
      positive("height", height);
    }

    @Override
    public Dimensions resolve(int w, int h) {
      return new Dimensions(round((double) w * height / h), height);
    }
  }

  /** Both width and height, met as {@code fit} says. */
  record Box(int width, int height, Fit fit) implements TargetSize {
    public Box {
      positive("width", width);
      positive("height", height);
      if (fit == null) {
        throw new IllegalArgumentException("width and height together need a fit mode");
      }
    }

    @Override
    public Dimensions resolve(int w, int h) {
      if (fit == Fit.STRETCH) {
        return new Dimensions(width, height);
      }
      double f = Math.min((double) width / w, (double) height / h);
      return new Dimensions(
          Math.min(width, round(w * f)), Math.min(height, round(h * f)));
    }
  }

  /**
   * Builds a target from optional parts, as settings and manifest rows give them.
   *
   * @throws IllegalArgumentException when width and height are both given without a fit, or a
   *     value is out of range
   */
  static TargetSize of(Double scale, Integer width, Integer height, Fit fit) {
    if (width != null && height != null) {
      if (fit == null) {
        throw new IllegalArgumentException(
            "width and height were both given: set fit to contain or stretch, or give only one");
      }
      return new Box(width, height, fit);
    }
    if (width != null) {
      return new Width(width);
    }
    if (height != null) {
      return new Height(height);
    }
    return new Factor(scale == null ? 4.0 : scale);
  }

  private static int round(double v) {
    return (int) Math.max(1, Math.min(Integer.MAX_VALUE, Math.round(v)));
  }

  private static void positive(String name, int v) {
    if (v < 1) {
      throw new IllegalArgumentException(name + " must be >= 1, not " + v);
    }
  }
}
