package io.upscaler.models.onnx;

import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Work and reach of a single-input, single-output image graph, counted from its nodes.
 *
 * @param parameters learned weights (convolution kernels and biases, PReLU slopes)
 * @param flopsPerInputPixel floating-point operations per input pixel: 2 per multiply-accumulate,
 *     1 per other arithmetic operation (bias, activation, sum), every op counted at the resolution
 *     it runs at; data movement (concatenation, nearest resizing, depth-to-space) counts 0;
 *     linear and cubic resizing count 2 per tap of their 2-D kernel (8 and 32 per output element)
 * @param receptiveFieldRadius input pixels on each side of an output pixel's source pixel that
 *     can influence it (worst case over axes and positions within an upscaling block)
 * @param scale output resolution / input resolution (the same integer along both axes)
 */
public record GraphStats(long parameters, double flopsPerInputPixel, int receptiveFieldRadius,
    int scale) {

  /** Analyses {@code model}; IllegalArgumentException names the first node it cannot analyse. */
  public static GraphStats of(ModelProto model) {
    GraphProto graph = model.getGraph();
    Map<String, TensorProto> initializers = new HashMap<>();
    graph.getInitializerList().forEach(t -> initializers.put(t.getName(), t));
    String input = singleDataInput(graph, initializers);
    if (graph.getOutputCount() != 1) {
      throw new IllegalArgumentException("the graph must have one output, it has "
          + graph.getOutputCount());
    }
    String output = graph.getOutput(0).getName();
    Map<String, TensorFacts> facts = new HashMap<>();
    facts.put(input, new TensorFacts(inputChannels(graph, input), Ratio.ONE, Ratio.ONE));
    List<NodeView> views = new ArrayList<>();
    graph.getNodeList().forEach(n -> views.add(new NodeView(n, initializers, facts)));
    long parameters = 0;
    double flops = 0;
    for (NodeView view : views) {
      OpRule rule = OpRules.get(view);
      TensorFacts out = rule.forward(view);
      view.node.getOutputList().forEach(o -> facts.put(o, out));
      parameters += rule.parameters(view);
      flops += rule.flopsPerOutputElement(view) * out.elementsPerInputPixel();
    }
    TensorFacts out = facts.get(output);
    if (out == null) {
      throw new IllegalArgumentException("no node produces the output " + output);
    }
    int radius = Math.max(radius(views, input, output, out, 0), radius(views, input, output, out, 1));
    return new GraphStats(parameters, flops, radius, scaleOf(out));
  }

  private static String singleDataInput(GraphProto graph, Map<String, TensorProto> initializers) {
    List<String> inputs = graph.getInputList().stream().map(ValueInfoProto::getName)
        .filter(n -> !initializers.containsKey(n)).toList();
    if (inputs.size() != 1) {
      throw new IllegalArgumentException("the graph must have one input, it has " + inputs);
    }
    return inputs.get(0);
  }

  private static long inputChannels(GraphProto graph, String input) {
    ValueInfoProto v = graph.getInputList().stream().filter(i -> i.getName().equals(input))
        .findFirst().orElseThrow();
    var shape = v.getType().getTensorType().getShape();
    if (shape.getDimCount() != 4 || !shape.getDim(1).hasDimValue()) {
      throw new IllegalArgumentException("input " + input + " must be NCHW with a fixed channel count");
    }
    return shape.getDim(1).getDimValue();
  }

  private static int scaleOf(TensorFacts out) {
    if (!out.scaleH().equals(out.scaleW()) || !out.scaleH().isInteger()) {
      throw new IllegalArgumentException("the output scale must be one integer, it is "
          + out.scaleH() + " x " + out.scaleW());
    }
    return (int) out.scaleH().num();
  }

  /**
   * Propagates, for every output position within one period of the graph's resampling pattern,
   * the interval of positions it reads back to the input and takes the widest reach from the
   * output position's source pixel.
   */
  private static int radius(List<NodeView> views, String input, String output, TensorFacts out,
      int axis) {
    Ratio scale = out.scale(axis);
    long period = period(views, scale, axis);
    long widest = 0;
    for (long y = 0; y < period; y++) {
      Map<String, long[]> needed = new HashMap<>();
      needed.put(output, new long[] {y, y});
      for (int n = views.size() - 1; n >= 0; n--) {
        propagate(views.get(n), axis, needed);
      }
      long[] reach = needed.get(input);
      if (reach == null) {
        throw new IllegalArgumentException("the output does not depend on the input");
      }
      long source = Math.floorDiv(y * scale.den(), scale.num());
      widest = Math.max(widest, Math.max(source - reach[0], reach[1] - source));
    }
    return Math.toIntExact(widest);
  }

  private static void propagate(NodeView view, int axis, Map<String, long[]> needed) {
    long[] outReach = null;
    for (String o : view.node.getOutputList()) {
      outReach = hull(outReach, needed.get(o));
    }
    if (outReach == null) {
      return;
    }
    OpRule rule = OpRules.get(view);
    for (int i = 0; i < view.node.getInputCount(); i++) {
      if (view.isData(i)) {
        String name = view.node.getInput(i);
        needed.put(name, hull(needed.get(name), rule.back(view, i, axis, outReach[0], outReach[1])));
      }
    }
  }

  /**
   * Output positions after which the resampling pattern repeats: shifting the output by a period
   * shifts the input and every tensor by whole positions.
   */
  private static long period(List<NodeView> views, Ratio out, int axis) {
    long period = shiftPeriod(Ratio.ONE, out);
    for (NodeView view : views) {
      long p = shiftPeriod(OpRules.get(view).forward(view).scale(axis), out);
      period = period / Ratio.gcd(period, p) * p;
    }
    return period;
  }

  /** The smallest output shift P that moves a tensor of resolution {@code t} by whole positions. */
  private static long shiftPeriod(Ratio t, Ratio out) {
    return t.times(new Ratio(out.den(), out.num())).den();
  }

  private static long[] hull(long[] a, long[] b) {
    if (a == null) {
      return b;
    }
    if (b == null) {
      return a;
    }
    return new long[] {Math.min(a[0], b[0]), Math.max(a[1], b[1])};
  }
}
