package io.upscaler.core.resize;

/**
 * Precomputed filter taps for one axis: for each destination index, the first source index and
 * {@link #taps} normalised weights (zero-padded). Source indices outside the image are clamped to
 * the edge, which is what "replicate the border" means for resampling.
 */
final class Contributions {
  final int taps;
  final int[] first;
  final float[] weights;

  private Contributions(int taps, int[] first, float[] weights) {
    this.taps = taps;
    this.first = first;
    this.weights = weights;
  }

  /** Maps [0, srcLength) onto [0, dstLength), pixel centres aligned. */
  static Contributions of(int srcLength, int dstLength, Filter filter) {
    double scale = (double) dstLength / srcLength;
    double stretch = Math.max(1.0, 1.0 / scale);
    double support = filter.radius() * stretch;
    int taps = (int) Math.ceil(support * 2) + 1;
    int[] first = new int[dstLength];
    float[] weights = new float[dstLength * taps];
    for (int i = 0; i < dstLength; i++) {
      double center = (i + 0.5) / scale - 0.5;
      int start = (int) Math.floor(center - support) + 1;
      first[i] = start;
      double sum = 0;
      for (int k = 0; k < taps; k++) {
        double w = filter.weight((start + k - center) / stretch);
        weights[i * taps + k] = (float) w;
        sum += w;
      }
      if (sum != 0) {
        for (int k = 0; k < taps; k++) {
          weights[i * taps + k] /= (float) sum;
        }
      }
    }
    return new Contributions(taps, first, weights);
  }
}
