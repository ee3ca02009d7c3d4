package io.upscaler.models.ncnn;

import io.upscaler.models.ncnn.NcnnReference.Blob;

/**
 * ncnn's Interp in float64, from its definition: output size {@code (int) (size * scale)};
 * nearest reads {@code in[min((int) (y * (1 / scale)), size - 1)]}; bilinear and bicubic place
 * output sample y at {@code (y + 0.5) * in / out - 0.5} (or {@code y * (in - 1) / (out - 1)} with
 * align_corner) and clamp their taps to the image, bicubic with the Keys kernel, a = -0.75.
 */
final class NcnnReferenceInterp {
  private NcnnReferenceInterp() {}

  static Blob interp(Blob x, int type, double scaleH, double scaleW, boolean align) {
    int oh = (int) (x.h() * (float) scaleH);
    int ow = (int) (x.w() * (float) scaleW);
    double[][] rows = weights(type, x.h(), oh, (float) scaleH, align);
    double[][] cols = weights(type, x.w(), ow, (float) scaleW, align);
    double[] y = new double[x.c() * oh * ow];
    for (int c = 0; c < x.c(); c++) {
      for (int r = 0; r < oh; r++) {
        for (int q = 0; q < ow; q++) {
          double sum = 0;
          for (int a = 0; a < x.h(); a++) {
            for (int b = 0; b < x.w(); b++) {
              sum += rows[r][a] * cols[q][b] * x.at(c, a, b);
            }
          }
          y[(c * oh + r) * ow + q] = sum;
        }
      }
    }
    return new Blob(x.c(), oh, ow, y);
  }

  /** weights[o][i]: how much input sample i contributes to output sample o along one axis. */
  private static double[][] weights(int type, int in, int out, float scale, boolean align) {
    double[][] m = new double[out][in];
    for (int o = 0; o < out; o++) {
      if (type == 1) {
        m[o][Math.min((int) (o * (1f / scale)), in - 1)] = 1;
        continue;
      }
      double pos = align ? o * (double) (in - 1) / (out - 1) : (o + 0.5) * in / out - 0.5;
      int base = (int) Math.floor(pos);
      double t = pos - base;
      double[] taps = type == 2 ? new double[] {1 - t, t} : cubic(t);
      int first = type == 2 ? base : base - 1;
      for (int k = 0; k < taps.length; k++) {
        m[o][Math.min(Math.max(first + k, 0), in - 1)] += taps[k];
      }
    }
    return m;
  }

  private static double[] cubic(double t) {
    double a = -0.75;
    double[] d = {1 + t, t, 1 - t, 2 - t};
    double[] w = new double[4];
    for (int k = 0; k < 4; k++) {
      double x = d[k];
      w[k] = x <= 1 ? ((a + 2) * x - (a + 3)) * x * x + 1 : ((a * x - 5 * a) * x + 8 * a) * x - 4 * a;
    }
    return w;
  }
}
