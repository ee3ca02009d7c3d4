package io.upscaler.models.tfjs;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A direct, slow evaluation of a {@link TfjsFixture} model with Keras/TensorFlow semantics
 * (NHWC, HWIO kernels, TF "same" padding, TF depth_to_space), in double precision. Written from
 * the Keras definitions, independently of the importer, to check what the imported ONNX computes.
 */
final class KerasReference {
  /** An NHWC image, batch 1. */
  record Image(int h, int w, int c, double[] v) {
    double at(int y, int x, int ch) {
      return v[(y * w + x) * c + ch];
    }
  }

  private KerasReference() {}

  static Image run(TfjsFixture model, Image input) {
    Map<String, Image> out = new HashMap<>();
    for (TfjsFixture.Layer l : model.layers) {
      List<Image> in = l.inbound().stream().map(out::get).toList();
      out.put(l.name(), l.className().equals("InputLayer") ? input : apply(model, l, in));
    }
    return out.get(model.layers.get(model.layers.size() - 1).name());
  }

  private static Image apply(TfjsFixture m, TfjsFixture.Layer l, List<Image> in) {
    JsonNode c = l.config();
    switch (l.className()) {
      case "Conv2D":
        return activation(conv(m, l.name(), c, in.get(0)), c.path("activation").asText());
      case "Activation":
        return activation(in.get(0), c.path("activation").asText());
      case "Concatenate":
        return concat(in);
      case "Add":
        return map2(in, Double::sum);
      case "MultiplyBeta":
        return map(in.get(0), x -> x * c.path("beta").asDouble());
      case "UpSampling2D":
        return upsample(in.get(0), c.path("size").get(0).asInt(), c.path("size").get(1).asInt());
      default:
        if (l.className().startsWith("PixelShuffle")) {
          return depthToSpace(in.get(0), c.path("scale").asInt());
        }
        throw new IllegalArgumentException("reference has no " + l.className());
    }
  }

  private static Image conv(TfjsFixture m, String name, JsonNode c, Image x) {
    int kh = c.path("kernel_size").get(0).asInt();
    int kw = c.path("kernel_size").get(1).asInt();
    int s = c.path("strides").get(0).asInt();
    int d = c.path("dilation_rate").get(0).asInt();
    int groups = c.path("groups").asInt();
    int filters = c.path("filters").asInt();
    boolean same = c.path("padding").asText().equals("same");
    int oh = same ? ceilDiv(x.h, s) : (x.h - (kh - 1) * d - 1) / s + 1;
    int ow = same ? ceilDiv(x.w, s) : (x.w - (kw - 1) * d - 1) / s + 1;
    // TensorFlow "same": total padding so that out = ceil(in / stride), the smaller half first.
    int padTop = same ? Math.max((oh - 1) * s + (kh - 1) * d + 1 - x.h, 0) / 2 : 0;
    int padLeft = same ? Math.max((ow - 1) * s + (kw - 1) * d + 1 - x.w, 0) / 2 : 0;
    float[] k = m.weights.get(name + "/kernel");
    float[] b = m.weights.get(name + "/bias");
    int cinG = x.c / groups;
    int coutG = filters / groups;
    double[] out = new double[oh * ow * filters];
    for (int y = 0; y < oh; y++) {
      for (int xx = 0; xx < ow; xx++) {
        for (int o = 0; o < filters; o++) {
          int g = o / coutG;
          double sum = b == null ? 0 : b[o];
          for (int ky = 0; ky < kh; ky++) {
            int iy = y * s - padTop + ky * d;
            for (int kx = 0; kx < kw; kx++) {
              int ix = xx * s - padLeft + kx * d;
              if (iy < 0 || iy >= x.h || ix < 0 || ix >= x.w) {
                continue;
              }
              for (int ci = 0; ci < cinG; ci++) {
                sum += x.at(iy, ix, g * cinG + ci) * k[((ky * kw + kx) * cinG + ci) * filters + o];
              }
            }
          }
          out[(y * ow + xx) * filters + o] = sum;
        }
      }
    }
    return new Image(oh, ow, filters, out);
  }

  private static Image activation(Image x, String name) {
    switch (name) {
      case "linear": return x;
      case "relu": return map(x, v -> Math.max(v, 0));
      case "relu6": return map(x, v -> Math.min(Math.max(v, 0), 6));
      case "sigmoid": return map(x, KerasReference::sigmoid);
      case "hard_sigmoid": return map(x, v -> Math.min(Math.max(0.2 * v + 0.5, 0), 1));
      case "tanh": return map(x, Math::tanh);
      case "elu": return map(x, v -> v > 0 ? v : Math.expm1(v));
      case "selu": return map(x, v -> 1.0507009873554805
          * (v > 0 ? v : 1.6732632423543772 * Math.expm1(v)));
      case "softplus": return map(x, v -> Math.log1p(Math.exp(v)));
      case "softsign": return map(x, v -> v / (1 + Math.abs(v)));
      case "swish": return map(x, v -> v * sigmoid(v));
      default: throw new IllegalArgumentException("reference has no activation " + name);
    }
  }

  private static double sigmoid(double v) {
    return 1 / (1 + Math.exp(-v));
  }

  private static Image concat(List<Image> in) {
    int c = in.stream().mapToInt(Image::c).sum();
    Image first = in.get(0);
    double[] out = new double[first.h * first.w * c];
    for (int p = 0; p < first.h * first.w; p++) {
      int o = 0;
      for (Image x : in) {
        for (int ch = 0; ch < x.c; ch++) {
          out[p * c + o++] = x.v[p * x.c + ch];
        }
      }
    }
    return new Image(first.h, first.w, c, out);
  }

  private static Image upsample(Image x, int fh, int fw) {
    double[] out = new double[x.h * fh * x.w * fw * x.c];
    for (int y = 0; y < x.h * fh; y++) {
      for (int xx = 0; xx < x.w * fw; xx++) {
        for (int ch = 0; ch < x.c; ch++) {
          out[(y * x.w * fw + xx) * x.c + ch] = x.at(y / fh, xx / fw, ch);
        }
      }
    }
    return new Image(x.h * fh, x.w * fw, x.c, out);
  }

  /** tf.nn.depth_to_space: out[y*b+i][x*b+j][c] = in[y][x][(i*b + j)*C + c]. */
  private static Image depthToSpace(Image x, int b) {
    int c = x.c / (b * b);
    double[] out = new double[x.v.length];
    for (int y = 0; y < x.h; y++) {
      for (int xx = 0; xx < x.w; xx++) {
        for (int i = 0; i < b; i++) {
          for (int j = 0; j < b; j++) {
            for (int ch = 0; ch < c; ch++) {
              out[((y * b + i) * x.w * b + xx * b + j) * c + ch] = x.at(y, xx, (i * b + j) * c + ch);
            }
          }
        }
      }
    }
    return new Image(x.h * b, x.w * b, c, out);
  }

  private static Image map(Image x, java.util.function.DoubleUnaryOperator f) {
    double[] out = new double[x.v.length];
    for (int i = 0; i < out.length; i++) {
      out[i] = f.applyAsDouble(x.v[i]);
    }
    return new Image(x.h, x.w, x.c, out);
  }

  private static Image map2(List<Image> in, java.util.function.DoubleBinaryOperator f) {
    double[] out = in.get(0).v.clone();
    for (Image x : in.subList(1, in.size())) {
      for (int i = 0; i < out.length; i++) {
        out[i] = f.applyAsDouble(out[i], x.v[i]);
      }
    }
    return new Image(in.get(0).h, in.get(0).w, in.get(0).c, out);
  }

  private static int ceilDiv(int a, int b) {
    return (a + b - 1) / b;
  }
}
