package io.upscaler.core.color;

import io.upscaler.core.image.Image;
import io.upscaler.core.resize.Filter;
import io.upscaler.core.resize.Resampler;

/**
 * "Tune colours": shifts and scales each channel of an upscaled image, in a luma/chroma space
 * (full-range BT.601 YCbCr), so its mean and standard deviation equal those of a bicubic upscale
 * of the input. Super-resolution models can drift in brightness, contrast or tint; this pulls the
 * result back to the source's colours without touching its detail.
 *
 * <p>Statistics are weighted by alpha where there is one, so invisible pixels don't count. The
 * reference is streamed row by row, never held as a second image. Stateless and thread-safe.
 */
public final class ColorTuner {
  private static final double EPS = 1e-6;

  private ColorTuner() {}

  /** Adjusts the colour channels of {@code output} in place to match {@code input}. */
  public static void tune(Image input, Image output) {
    int n = output.colorChannels();
    Moments reference = new Moments(n);
    Resampler.resizeRows(
        input,
        0,
        input.channels(),
        output.width(),
        output.height(),
        Filter.CUBIC,
        (y, row) -> {
          int ch = input.channels();
          for (int x = 0; x < output.width(); x++) {
            int o = x * ch;
            float a = input.hasAlpha() ? clamp01(row[o + ch - 1]) : 1f;
            reference.add(toYcc(row, o, n), a);
          }
        });
    Moments current = new Moments(n);
    float[] px = new float[4];
    for (int y = 0; y < output.height(); y++) {
      for (int x = 0; x < output.width(); x++) {
        read(output, x, y, px);
        current.add(toYcc(px, 0, n), alpha(output, x, y));
      }
    }
    apply(output, current, reference);
  }

  private static void apply(Image output, Moments current, Moments reference) {
    int n = output.colorChannels();
    double[] gain = new double[n];
    double[] shift = new double[n];
    for (int c = 0; c < n; c++) {
      double sd = current.std(c);
      gain[c] = sd > EPS ? reference.std(c) / sd : 1.0;
      shift[c] = reference.mean(c) - gain[c] * current.mean(c);
    }
    float[] px = new float[4];
    double[] ycc = new double[3];
    for (int y = 0; y < output.height(); y++) {
      for (int x = 0; x < output.width(); x++) {
        read(output, x, y, px);
        double[] v = toYcc(px, 0, n);
        for (int c = 0; c < n; c++) {
          ycc[c] = v[c] * gain[c] + shift[c];
        }
        write(output, x, y, ycc, n);
      }
    }
  }

  private static void read(Image image, int x, int y, float[] px) {
    for (int c = 0; c < image.colorChannels(); c++) {
      px[c] = image.get(x, y, c);
    }
  }

  private static float alpha(Image image, int x, int y) {
    return image.hasAlpha() ? image.get(x, y, image.channels() - 1) : 1f;
  }

  private static double[] toYcc(float[] v, int o, int n) {
    if (n == 1) {
      return new double[] {v[o]};
    }
    double r = v[o];
    double g = v[o + 1];
    double b = v[o + 2];
    double luma = 0.299 * r + 0.587 * g + 0.114 * b;
    return new double[] {luma, (b - luma) * 0.564, (r - luma) * 0.713};
  }

  private static void write(Image image, int x, int y, double[] ycc, int n) {
    if (n == 1) {
      image.set(x, y, 0, (float) ycc[0]);
      return;
    }
    double luma = ycc[0];
    double r = luma + ycc[2] / 0.713;
    double b = luma + ycc[1] / 0.564;
    double g = (luma - 0.299 * r - 0.114 * b) / 0.587;
    image.set(x, y, 0, (float) r);
    image.set(x, y, 1, (float) g);
    image.set(x, y, 2, (float) b);
  }

  private static float clamp01(float v) {
    return v < 0f ? 0f : (v > 1f ? 1f : v);
  }

  /** Alpha-weighted running sums per channel. */
  private static final class Moments {
    final double[] sum;
    final double[] sumSq;
    double weight;

    Moments(int n) {
      sum = new double[n];
      sumSq = new double[n];
    }

    void add(double[] v, float w) {
      if (w <= 0f) {
        return;
      }
      weight += w;
      for (int c = 0; c < sum.length; c++) {
        sum[c] += w * v[c];
        sumSq[c] += w * v[c] * v[c];
      }
    }

    double mean(int c) {
      return weight > 0 ? sum[c] / weight : 0;
    }

    double std(int c) {
      if (weight <= 0) {
        return 0;
      }
      double m = mean(c);
      return Math.sqrt(Math.max(0, sumSq[c] / weight - m * m));
    }
  }
}
