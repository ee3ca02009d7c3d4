package io.upscaler.models.ncnn;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A plain float64 interpreter of the ncnn layers {@link NcnnFixture} writes, written from ncnn's
 * layer definitions (not from the importer): the independent reference for importer tests.
 * Blobs are CHW images.
 */
final class NcnnReference {
  /** A CHW image. */
  record Blob(int c, int h, int w, double[] v) {
    double at(int ch, int y, int x) {
      return v[(ch * h + y) * w + x];
    }
  }

  private NcnnReference() {}

  /** Runs the fixture's layers on {@code input} and returns blob {@code output}. */
  static Blob run(List<NcnnFixture.Layer> layers, Blob input, String output) {
    Map<String, Blob> blobs = new HashMap<>();
    for (NcnnFixture.Layer l : layers) {
      Map<Integer, String> p = params(l.params());
      List<Blob> in = new ArrayList<>();
      l.bottoms().forEach(b -> in.add(blobs.get(b)));
      for (String top : l.tops()) {
        blobs.put(top, l.type().equals("Input") ? input : in.isEmpty() ? null : in.get(0));
      }
      if (!l.type().equals("Input") && !l.type().equals("Split")) {
        blobs.put(l.tops().get(0), layer(l, p, in));
      }
    }
    return blobs.get(output);
  }

  private static Blob layer(NcnnFixture.Layer l, Map<Integer, String> p, List<Blob> in) {
    switch (l.type()) {
      case "Convolution":
        return activation(conv(p, in.get(0), l.data()), p);
      case "PReLU":
        return map(in.get(0), (c, v) -> v < 0 ? v * slope(l.data().get(0), c) : v);
      case "PixelShuffle":
        return pixelShuffle(in.get(0), i(p, 0, 1), i(p, 1, 0));
      case "Interp":
        return NcnnReferenceInterp.interp(in.get(0), i(p, 0, 0), f(p, 1, 1), f(p, 2, 1),
            i(p, 6, 0) == 1);
      case "Eltwise":
        return eltwise(in, i(p, 0, 0), array(p, 1));
      case "BinaryOp":
        return binary(in, i(p, 0, 0), i(p, 1, 0) == 1, f(p, 2, 0));
      case "Concat":
        return concat(in);
      default:
        throw new IllegalArgumentException("the reference does not know " + l.type());
    }
  }

  private static Blob conv(Map<Integer, String> p, Blob x, List<float[]> data) {
    int out = i(p, 0, 0);
    int kw = i(p, 1, 0);
    int kh = i(p, 11, kw);
    int dw = i(p, 2, 1);
    int dh = i(p, 12, dw);
    int sw = i(p, 3, 1);
    int sh = i(p, 13, sw);
    int[] pad = pads(p, x, kh, kw, sh, sw, dh, dw); // top, left, bottom, right
    int oh = (x.h() + pad[0] + pad[2] - (dh * (kh - 1) + 1)) / sh + 1;
    int ow = (x.w() + pad[1] + pad[3] - (dw * (kw - 1) + 1)) / sw + 1;
    float[] w = data.get(0);
    double[] y = new double[out * oh * ow];
    for (int o = 0; o < out; o++) {
      for (int r = 0; r < oh; r++) {
        for (int c = 0; c < ow; c++) {
          double sum = i(p, 5, 0) == 1 ? data.get(1)[o] : 0;
          for (int q = 0; q < x.c(); q++) {
            for (int a = 0; a < kh; a++) {
              for (int b = 0; b < kw; b++) {
                int yy = r * sh + a * dh - pad[0];
                int xx = c * sw + b * dw - pad[1];
                if (yy >= 0 && yy < x.h() && xx >= 0 && xx < x.w()) {
                  sum += w[((o * x.c() + q) * kh + a) * kw + b] * x.at(q, yy, xx);
                }
              }
            }
          }
          y[(o * oh + r) * ow + c] = sum;
        }
      }
    }
    return new Blob(out, oh, ow, y);
  }

  /** ncnn's padding: explicit sizes, or -233 / -234 for TF/ONNX SAME with the odd pixel after / before. */
  private static int[] pads(Map<Integer, String> p, Blob x, int kh, int kw, int sh, int sw, int dh,
      int dw) {
    int left = i(p, 4, 0);
    int right = i(p, 15, left);
    int top = i(p, 14, left);
    int bottom = i(p, 16, top);
    if (left == -233 || left == -234) {
      int wpad = dw * (kw - 1) + 1 + (x.w() - 1) / sw * sw - x.w();
      int hpad = dh * (kh - 1) + 1 + (x.h() - 1) / sh * sh - x.h();
      return left == -233 ? new int[] {hpad / 2, wpad / 2, hpad - hpad / 2, wpad - wpad / 2}
          : new int[] {hpad - hpad / 2, wpad - wpad / 2, hpad / 2, wpad / 2};
    }
    return new int[] {top, left, bottom, right};
  }

  private static Blob activation(Blob x, Map<Integer, String> p) {
    double[] a = array(p, 10);
    switch (i(p, 9, 0)) {
      case 0:
        return x;
      case 1:
        return map(x, (c, v) -> Math.max(v, 0));
      case 2:
        return map(x, (c, v) -> v < 0 ? v * a[0] : v);
      case 3:
        return map(x, (c, v) -> Math.min(Math.max(v, a[0]), a[1]));
      case 4:
        return map(x, (c, v) -> 1 / (1 + Math.exp(-v)));
      case 5:
        return map(x, (c, v) -> v * Math.tanh(Math.log(1 + Math.exp(v))));
      default: // ncnn HardSwish: 0 below -beta/alpha, x above (1 - beta)/alpha
        double lower = -a[1] / a[0];
        double upper = 1 / a[0] + lower;
        return map(x, (c, v) -> v < lower ? 0 : v > upper ? v : v * (v * a[0] + a[1]));
    }
  }

  private static double slope(float[] slopes, int c) {
    return slopes.length == 1 ? slopes[0] : slopes[c];
  }

  private static Blob pixelShuffle(Blob x, int r, int mode) {
    int oc = x.c() / (r * r);
    double[] y = new double[x.v().length];
    for (int p = 0; p < oc; p++) {
      for (int sh = 0; sh < r; sh++) {
        for (int sw = 0; sw < r; sw++) {
          int q = mode == 0 ? p * r * r + sh * r + sw : (sh * r + sw) * oc + p;
          for (int i = 0; i < x.h(); i++) {
            for (int j = 0; j < x.w(); j++) {
              y[(p * x.h() * r + i * r + sh) * x.w() * r + j * r + sw] = x.at(q, i, j);
            }
          }
        }
      }
    }
    return new Blob(oc, x.h() * r, x.w() * r, y);
  }

  private static Blob eltwise(List<Blob> in, int op, double[] coeffs) {
    double[] y = in.get(0).v().clone();
    for (int k = 0; k < y.length; k++) {
      for (int n = 0; n < in.size(); n++) {
        double v = in.get(n).v()[k];
        if (op == 1) {
          double term = coeffs.length > 0 ? coeffs[n] * v : v;
          y[k] = n == 0 ? term : y[k] + term;
        } else if (n > 0) {
          y[k] = op == 0 ? y[k] * v : Math.max(y[k], v);
        }
      }
    }
    return new Blob(in.get(0).c(), in.get(0).h(), in.get(0).w(), y);
  }

  private static Blob binary(List<Blob> in, int op, boolean withScalar, double scalar) {
    Blob a = in.get(0);
    double[] y = new double[a.v().length];
    for (int k = 0; k < y.length; k++) {
      double u = a.v()[k];
      double v = withScalar ? scalar : in.get(1).v()[k];
      double[] results = {u + v, u - v, u * v, u / v, Math.max(u, v), Math.min(u, v), Math.pow(u, v),
          v - u, v / u};
      y[k] = results[op];
    }
    return new Blob(a.c(), a.h(), a.w(), y);
  }

  private static Blob concat(List<Blob> in) {
    int c = in.stream().mapToInt(Blob::c).sum();
    double[] y = new double[c * in.get(0).h() * in.get(0).w()];
    int offset = 0;
    for (Blob b : in) {
      System.arraycopy(b.v(), 0, y, offset, b.v().length);
      offset += b.v().length;
    }
    return new Blob(c, in.get(0).h(), in.get(0).w(), y);
  }

  /** Per-channel element-wise function. */
  interface ChannelOp {
    double apply(int channel, double v);
  }

  static Blob map(Blob x, ChannelOp f) {
    double[] y = new double[x.v().length];
    int plane = x.h() * x.w();
    for (int k = 0; k < y.length; k++) {
      y[k] = f.apply(k / plane, x.v()[k]);
    }
    return new Blob(x.c(), x.h(), x.w(), y);
  }

  private static Map<Integer, String> params(String text) {
    Map<Integer, String> p = new HashMap<>();
    for (String kv : text.isBlank() ? new String[0] : text.trim().split("\\s+")) {
      int key = Integer.parseInt(kv.substring(0, kv.indexOf('=')));
      p.put(key <= -23300 ? -23300 - key : key, kv.substring(kv.indexOf('=') + 1));
    }
    return p;
  }

  private static int i(Map<Integer, String> p, int key, int fallback) {
    return p.containsKey(key) ? Integer.parseInt(p.get(key)) : fallback;
  }

  private static double f(Map<Integer, String> p, int key, double fallback) {
    return p.containsKey(key) ? Float.parseFloat(p.get(key)) : fallback;
  }

  private static double[] array(Map<Integer, String> p, int key) {
    if (!p.containsKey(key)) {
      return new double[0];
    }
    String[] parts = p.get(key).split(",");
    double[] v = new double[parts.length - 1];
    for (int k = 1; k < parts.length; k++) {
      v[k - 1] = Float.parseFloat(parts[k]);
    }
    return v;
  }
}
