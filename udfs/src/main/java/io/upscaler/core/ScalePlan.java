package io.upscaler.core;

import io.upscaler.models.ModelCard;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Which model passes reach a factor: the family's smallest native scale that covers it; when none
 * does, its largest, repeated until one covers what is left. A final resample reaches the exact
 * target unless the passes already produce it.
 *
 * <p>A native scale within {@value #TOLERANCE}x below the factor counts as covering it (a 2% gap
 * is met by resampling up rather than by running a larger model and throwing most of it away).
 *
 * @param passes models in the order they run; empty when the target is not larger than the input
 */
public record ScalePlan(List<ModelCard> passes) implements java.io.Serializable {
  static final double TOLERANCE = 1.05;

  /** Plans for an upscale by {@code factor} using the members of one model family. */
  public static ScalePlan plan(List<ModelCard> family, double factor) {
    if (family.isEmpty()) {
      throw new IllegalArgumentException("no models to plan with");
    }
    List<ModelCard> byScale = new ArrayList<>(family);
    byScale.sort(Comparator.comparingInt(ModelCard::nativeScale));
    ModelCard largest = byScale.get(byScale.size() - 1);
    List<ModelCard> passes = new ArrayList<>();
    double remaining = factor;
    while (remaining > 1.0 + 1e-9 && passes.size() < 8) {
      ModelCard covering = smallestCovering(byScale, remaining);
      if (covering != null) {
        passes.add(covering);
        break;
      }
      passes.add(largest);
      remaining /= largest.nativeScale();
    }
    return new ScalePlan(List.copyOf(passes));
  }

  private static ModelCard smallestCovering(List<ModelCard> byScale, double factor) {
    for (ModelCard c : byScale) {
      if (c.nativeScale() * TOLERANCE >= factor) {
        return c;
      }
    }
    return null;
  }

  /** Product of the passes' native scales. */
  public int nativeFactor() {
    int f = 1;
    for (ModelCard c : passes) {
      f *= c.nativeScale();
    }
    return f;
  }

  /** Model ids joined with "+", e.g. "realesr-general-x4v3+realesr-general-x4v3"; "none". */
  public String label() {
    if (passes.isEmpty()) {
      return "none";
    }
    StringBuilder b = new StringBuilder();
    for (ModelCard c : passes) {
      if (b.length() > 0) {
        b.append('+');
      }
      b.append(c.id());
    }
    return b.toString();
  }

  /** Model FLOPs for an input of {@code pixels}, summed over passes. */
  public double flops(long pixels) {
    double total = 0;
    double p = pixels;
    for (ModelCard c : passes) {
      total += p * c.flopsPerInputPixel();
      p *= (double) c.nativeScale() * c.nativeScale();
    }
    return total;
  }
}
