package io.upscaler.models.tfjs;

import static io.upscaler.models.onnx.OnnxAttributes.real;

import io.upscaler.models.UnsupportedLayerException;
import io.upscaler.models.onnx.GraphBuilder;
import java.util.List;

/** Keras activation names as ONNX ops. */
final class KerasActivations {
  /** The activation names this importer supports. */
  static final List<String> SUPPORTED = List.of("linear", "relu", "relu6", "sigmoid",
      "hard_sigmoid", "tanh", "elu", "selu", "softplus", "softsign", "swish");

  private KerasActivations() {}

  /**
   * Applies Keras activation {@code activation} to tensor {@code x} for layer {@code layer} (of
   * class {@code layerClass}); returns the resulting tensor ({@code x} itself for "linear").
   */
  static String apply(GraphBuilder g, String layer, String layerClass, String activation,
      String x) {
    String name = layer + "/" + activation;
    switch (activation) {
      case "linear":
        return x;
      case "relu":
        return g.unary("Relu", name, x);
      case "relu6":
        return g.clip(name, x, 0f, 6f);
      case "sigmoid":
        return g.unary("Sigmoid", name, x);
      case "hard_sigmoid":
        // Keras 2 and TF.js: clip(0.2 * x + 0.5, 0, 1).
        return g.unary("HardSigmoid", name, x, real("alpha", 0.2f), real("beta", 0.5f));
      case "tanh":
        return g.unary("Tanh", name, x);
      case "elu":
        return g.unary("Elu", name, x, real("alpha", 1f));
      case "selu":
        return g.unary("Selu", name, x, real("alpha", 1.6732632423543772f),
            real("gamma", 1.0507009873554805f));
      case "softplus":
        return g.unary("Softplus", name, x);
      case "softsign":
        return g.unary("Softsign", name, x);
      case "swish":
        return g.multiply(name, x, g.unary("Sigmoid", name + "/sigmoid", x));
      default:
        throw new UnsupportedLayerException(layer, layerClass, "uses activation '" + activation
            + "', which is not supported (supported: " + SUPPORTED + ")");
    }
  }
}
