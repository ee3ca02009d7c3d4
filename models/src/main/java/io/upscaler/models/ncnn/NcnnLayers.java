package io.upscaler.models.ncnn;

import io.upscaler.models.onnx.ConvSpec;
import io.upscaler.models.onnx.GraphBuilder;
import io.upscaler.models.onnx.ResizeSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Converters from ncnn layers with one output (blobs are CHW images, weights OIHW) to ONNX nodes,
 * one per supported type. Parameter ids follow ncnn's {@code load_param}; an id a converter does
 * not know, or a value it does not implement, is refused by name.
 */
final class NcnnLayers {
  /** Converts one layer whose input blobs are already the ONNX tensors {@code inputs}. */
  @FunctionalInterface
  interface Converter {
    String convert(NcnnLayer layer, List<String> inputs, GraphBuilder g, NcnnWeights weights);
  }

  static final Map<String, Converter> CONVERTERS = Map.of(
      "Convolution", NcnnConvolution::convert,
      "PReLU", NcnnLayers::prelu,
      "PixelShuffle", NcnnLayers::pixelShuffle,
      "Interp", NcnnLayers::interp,
      "Eltwise", NcnnLayers::eltwise,
      "BinaryOp", NcnnLayers::binaryOp,
      "Concat", NcnnLayers::concat);
  /** ONNX ops of BinaryOp's operation types; 7 and 8 swap the operands (b - a, b / a). */
  private static final Map<Integer, String> BINARY_OPS = Map.of(0, "Add", 1, "Sub", 2, "Mul",
      3, "Div", 4, "Max", 5, "Min", 7, "Sub", 8, "Div");

  private NcnnLayers() {}

  private static String prelu(NcnnLayer l, List<String> in, GraphBuilder g, NcnnWeights w) {
    l.allowOnly(0);
    int slopes = l.integer(0, 0);
    if (slopes < 1) {
      throw l.unsupported("has num_slope " + slopes + "; expected at least 1");
    }
    return g.prelu(l.name(), l.single(in), w.raw(slopes, "slopes of layer '" + l.name() + "'"));
  }

  /** Mode 0 is PyTorch's pixel_shuffle (ONNX CRD); mode 1 is TensorFlow's depth_to_space (DCR). */
  private static String pixelShuffle(NcnnLayer l, List<String> in, GraphBuilder g,
      NcnnWeights w) {
    l.allowOnly(0, 1);
    int factor = l.integer(0, 1);
    if (factor < 1) {
      throw l.unsupported("has upscale_factor " + factor);
    }
    String mode = l.oneOf(1, 0, "mode", Set.of(0, 1)) == 0 ? "CRD" : "DCR";
    return g.depthToSpace(l.name(), l.single(in), factor, mode);
  }

  /**
   * Resize by scale factors. ncnn's nearest reads {@code in[floor(y / scale)]} whatever its
   * align_corner flag; its bilinear and bicubic (a = -0.75, edge samples repeated) sample
   * {@code (y + 0.5) * in / out - 0.5}, or {@code y * (in - 1) / (out - 1)} with align_corner,
   * which ONNX reproduces exactly whenever {@code in * scale} is a whole number.
   */
  private static String interp(NcnnLayer l, List<String> in, GraphBuilder g, NcnnWeights w) {
    l.allowOnly(0, 1, 2, 3, 4, 5, 6);
    int type = l.oneOf(0, 0, "resize type: 1 nearest, 2 bilinear, 3 bicubic", Set.of(1, 2, 3));
    if (l.integer(3, 0) != 0 || l.integer(4, 0) != 0 || l.integer(5, 0) != 0) {
      throw l.unsupported("resizes to a fixed or dynamic output size (3=, 4=, 5=); only scale"
          + " factors (1=, 2=) are supported, so that the graph takes any input size");
    }
    float scaleH = l.real(1, 1f);
    float scaleW = l.real(2, 1f);
    if (!(scaleH > 0) || !(scaleW > 0)) {
      throw l.unsupported("has scales " + scaleH + " x " + scaleW + "; expected positive factors");
    }
    boolean align = l.oneOf(6, 0, "align_corner", Set.of(0, 1)) == 1;
    ResizeSpec.Mode mode = type == 1 ? ResizeSpec.Mode.NEAREST
        : type == 2 ? ResizeSpec.Mode.LINEAR : ResizeSpec.Mode.CUBIC;
    return g.resize(l.name(), l.single(in),
        new ResizeSpec(mode, scaleH, scaleW, align && type != 1));
  }

  /** Operation 0 product, 1 sum (each input times its coefficient from 1=, if given), 2 max. */
  private static String eltwise(NcnnLayer l, List<String> in, GraphBuilder g, NcnnWeights w) {
    l.allowOnly(0, 1);
    int op = l.oneOf(0, 0, "operation: 0 product, 1 sum, 2 max", Set.of(0, 1, 2));
    float[] coeffs = l.reals(1);
    if (in.size() < 2) {
      throw l.unsupported("has " + in.size() + " inputs; it takes two or more");
    }
    if (coeffs.length != 0 && (op != 1 || coeffs.length != in.size())) {
      throw l.unsupported("has " + coeffs.length + " coefficients for operation " + op + " of "
          + in.size() + " inputs; ncnn uses one per input, for sums only");
    }
    if (op == 2) {
      return g.extremum("Max", l.name(), in);
    }
    if (op == 0) {
      String product = in.get(0);
      for (int i = 1; i < in.size(); i++) {
        String name = i == in.size() - 1 ? l.name() : l.name() + "/product" + i;
        product = g.multiply(name, product, in.get(i));
      }
      return product;
    }
    List<String> terms = new ArrayList<>();
    for (int i = 0; i < in.size(); i++) {
      boolean weighted = coeffs.length > 0 && coeffs[i] != 1f;
      terms.add(weighted ? g.scale(l.name() + "/coeff" + i, in.get(i), coeffs[i]) : in.get(i));
    }
    return g.add(l.name(), terms);
  }

  /**
   * a op b for two inputs, or a op the scalar in 2= with 1=1; operations 0 add, 1 sub, 2 mul,
   * 3 div, 4 max, 5 min, 7 reversed sub, 8 reversed div.
   */
  private static String binaryOp(NcnnLayer l, List<String> in, GraphBuilder g, NcnnWeights w) {
    l.allowOnly(0, 1, 2);
    int op = l.oneOf(0, 0, "operation", BINARY_OPS.keySet());
    boolean reversed = op == 7 || op == 8;
    boolean withScalar = l.oneOf(1, 0, "with_scalar", Set.of(0, 1)) == 1;
    if (in.size() != (withScalar ? 1 : 2)) {
      throw l.unsupported("has " + in.size() + " inputs; with_scalar=" + (withScalar ? 1 : 0)
          + " takes " + (withScalar ? 1 : 2));
    }
    if (withScalar) {
      return g.binaryScalar(BINARY_OPS.get(op), l.name(), in.get(0), l.real(2, 0f), reversed);
    }
    return g.binary(BINARY_OPS.get(op), l.name(), in.get(reversed ? 1 : 0),
        in.get(reversed ? 0 : 1));
  }

  private static String concat(NcnnLayer l, List<String> in, GraphBuilder g, NcnnWeights w) {
    l.allowOnly(0);
    l.oneOf(0, 0, "axis (0 or -3 is the channel axis)", Set.of(0, -3));
    if (in.isEmpty()) {
      throw l.unsupported("has no inputs");
    }
    return g.concatChannels(l.name(), in);
  }
}
