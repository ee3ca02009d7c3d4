package io.upscaler.models.ncnn;

import static io.upscaler.models.onnx.OnnxAttributes.real;

import io.upscaler.models.onnx.GraphBuilder;
import java.util.Set;

/**
 * ncnn's fused activations (parameter 9 of convolution layers, with the values of parameter 10)
 * as ONNX ops: 0 none, 1 ReLU, 2 leaky ReLU (slope), 3 clip (min, max), 4 sigmoid, 5 mish,
 * 6 hard-swish (alpha, beta).
 */
final class NcnnActivations {
  static final Set<Integer> TYPES = Set.of(0, 1, 2, 3, 4, 5, 6);
  private static final int[] PARAMETER_COUNTS = {0, 0, 1, 2, 0, 0, 2};

  private NcnnActivations() {}

  /** Applies the activation that {@code layer} declares to its output {@code x}. */
  static String apply(GraphBuilder g, NcnnLayer layer, String x) {
    int type = layer.oneOf(9, 0, "activation type", TYPES);
    float[] p = layer.reals(10);
    if (p.length < PARAMETER_COUNTS[type]) {
      throw layer.unsupported("has activation type " + type + " with " + p.length
          + " parameter(s) in 10=; it needs " + PARAMETER_COUNTS[type]);
    }
    String name = layer.name() + "/";
    switch (type) {
      case 0:
        return x;
      case 1:
        return g.unary("Relu", name + "relu", x);
      case 2:
        return g.unary("LeakyRelu", name + "leaky_relu", x, real("alpha", p[0]));
      case 3:
        return g.clip(name + "clip", x, p[0], p[1]);
      case 4:
        return g.unary("Sigmoid", name + "sigmoid", x);
      case 5: // x * tanh(softplus(x))
        String softplus = g.unary("Softplus", name + "mish/softplus", x);
        return g.multiply(name + "mish", x, g.unary("Tanh", name + "mish/tanh", softplus));
      default: // x * clip(alpha * x + beta, 0, 1)
        String gate = g.unary("HardSigmoid", name + "hard_swish/gate", x, real("alpha", p[0]),
            real("beta", p[1]));
        return g.multiply(name + "hard_swish", x, gate);
    }
  }
}
