package io.upscaler.models.tfjs;

import com.fasterxml.jackson.databind.JsonNode;
import io.upscaler.models.UnsupportedLayerException;
import io.upscaler.models.onnx.ConvSpec;
import io.upscaler.models.onnx.GraphBuilder;
import io.upscaler.models.tfjs.LayersModel.Layer;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Converters from Keras layers (NHWC, HWIO kernels) to ONNX nodes (NCHW, OIHW weights), one per
 * supported layer class. Every option a converter does not implement is refused by name.
 */
final class KerasLayers {
  /** Converts one layer whose inputs are already the ONNX tensors {@code inputs}. */
  @FunctionalInterface
  interface Converter {
    String convert(Layer layer, List<String> inputs, GraphBuilder g, TfjsWeights weights);
  }

  private static final Pattern PIXEL_SHUFFLE = Pattern.compile("PixelShuffle(\\d+)x");
  private static final Map<String, Converter> CONVERTERS = Map.of(
      "Conv2D", KerasLayers::conv2d,
      "Activation", KerasLayers::activation,
      "Concatenate", KerasLayers::concatenate,
      "Add", KerasLayers::add,
      "UpSampling2D", KerasLayers::upSampling2d,
      "MultiplyBeta", KerasLayers::multiplyBeta);
  static final List<String> SUPPORTED = List.of("InputLayer", "Conv2D", "Activation",
      "Concatenate", "Add", "UpSampling2D", "MultiplyBeta", "PixelShuffle<s>x");

  private KerasLayers() {}

  /** The converter for a layer's class; UnsupportedLayerException when there is none. */
  static Converter forLayer(Layer layer) {
    Converter c = CONVERTERS.get(layer.className());
    if (c != null) {
      return c;
    }
    Matcher m = PIXEL_SHUFFLE.matcher(layer.className());
    if (m.matches()) {
      int block = Integer.parseInt(m.group(1));
      return (l, in, g, w) -> pixelShuffle(l, in, g, block);
    }
    throw new UnsupportedLayerException(layer.name(), layer.className(),
        "is not supported by the TF.js importer (supported classes: " + SUPPORTED + ")");
  }

  private static String conv2d(Layer layer, List<String> inputs, GraphBuilder g, TfjsWeights w) {
    Options o = new Options(layer);
    o.requireChannelsLast();
    int[] kernel = o.pair("kernel_size", null);
    int[] strides = o.pair("strides", 1);
    int[] dilation = o.pair("dilation_rate", 1);
    int filters = o.positive("filters");
    int groups = o.config.path("groups").asInt(1);
    String x = o.single(inputs);
    int inChannels = g.channels(x);
    if (groups < 1 || inChannels % groups != 0 || filters % groups != 0) {
      throw o.unsupported("has groups=" + groups + " that do not divide " + inChannels
          + " input and " + filters + " output channels");
    }
    ConvSpec spec = new ConvSpec(filters, inChannels / groups, kernel[0], kernel[1], strides[0],
        strides[1], dilation[0], dilation[1], groups, o.padding());
    float[] hwio = w.take(layer.name(), "kernel", kernel[0], kernel[1], inChannels / groups,
        filters);
    float[] bias = o.config.path("use_bias").asBoolean(true)
        ? w.take(layer.name(), "bias", filters) : null;
    String y = g.conv(layer.name(), x, spec, hwioToOihw(hwio, spec), bias);
    return KerasActivations.apply(g, layer.name(), layer.className(),
        o.config.path("activation").asText("linear"), y);
  }

  /** Keras kernels are [kh][kw][in][out]; ONNX wants [out][in][kh][kw]. */
  static float[] hwioToOihw(float[] hwio, ConvSpec s) {
    int kh = s.kernelH();
    int kw = s.kernelW();
    int in = s.inChannelsPerGroup();
    int out = s.outChannels();
    float[] oihw = new float[hwio.length];
    for (int y = 0; y < kh; y++) {
      for (int x = 0; x < kw; x++) {
        for (int i = 0; i < in; i++) {
          for (int o = 0; o < out; o++) {
            oihw[((o * in + i) * kh + y) * kw + x] = hwio[((y * kw + x) * in + i) * out + o];
          }
        }
      }
    }
    return oihw;
  }

  private static String activation(Layer layer, List<String> inputs, GraphBuilder g,
      TfjsWeights w) {
    Options o = new Options(layer);
    String x = o.single(inputs);
    String activation = o.config.path("activation").asText("");
    String y = KerasActivations.apply(g, layer.name(), layer.className(), activation, x);
    // A linear Activation layer is an identity; the layer still needs its own tensor name.
    return y.equals(x) ? g.unary("Identity", layer.name(), x) : y;
  }

  private static String concatenate(Layer layer, List<String> inputs, GraphBuilder g,
      TfjsWeights w) {
    Options o = new Options(layer);
    int axis = o.config.path("axis").asInt(-1);
    if (axis != -1 && axis != 3) {
      throw o.unsupported("concatenates along axis " + axis + "; only the channel axis (-1 or 3)"
          + " is supported");
    }
    o.atLeastTwo(inputs);
    return g.concatChannels(layer.name(), inputs);
  }

  private static String add(Layer layer, List<String> inputs, GraphBuilder g, TfjsWeights w) {
    new Options(layer).atLeastTwo(inputs);
    return g.add(layer.name(), inputs);
  }

  private static String upSampling2d(Layer layer, List<String> inputs, GraphBuilder g,
      TfjsWeights w) {
    Options o = new Options(layer);
    o.requireChannelsLast();
    String interpolation = o.config.path("interpolation").asText("nearest");
    if (!interpolation.equals("nearest")) {
      throw o.unsupported("uses interpolation '" + interpolation + "'; only 'nearest' is supported");
    }
    int[] size = o.pair("size", 2);
    return g.upsampleNearest(layer.name(), o.single(inputs), size[0], size[1]);
  }

  private static String multiplyBeta(Layer layer, List<String> inputs, GraphBuilder g,
      TfjsWeights w) {
    Options o = new Options(layer);
    JsonNode beta = o.config.path("beta");
    if (!beta.isNumber()) {
      throw o.unsupported("has no numeric 'beta' in its config");
    }
    return g.scale(layer.name(), o.single(inputs), beta.floatValue());
  }

  private static String pixelShuffle(Layer layer, List<String> inputs, GraphBuilder g, int block) {
    Options o = new Options(layer);
    JsonNode scale = o.config.path("scale");
    if (block < 1 || (!scale.isMissingNode() && scale.asInt() != block)) {
      throw o.unsupported("has scale " + scale + " that does not match its class name");
    }
    String x = o.single(inputs);
    if (g.channels(x) % (block * block) != 0) {
      throw o.unsupported("gets " + g.channels(x) + " channels, not a multiple of " + block * block);
    }
    // The layer is TensorFlow's depth_to_space on NHWC, i.e. ONNX DepthToSpace in DCR mode.
    return g.depthToSpace(layer.name(), x, block);
  }
}
