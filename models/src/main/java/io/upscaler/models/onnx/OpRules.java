package io.upscaler.models.onnx;

import ai.onnx.proto.OnnxMl.TensorProto;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The analysis rules per ONNX op type; an op without a rule cannot be analysed. */
final class OpRules {
  private static final Map<String, OpRule> RULES = new HashMap<>();

  static {
    RULES.put("Conv", new ConvRule());
    for (String op : List.of("Relu", "LeakyRelu", "Sigmoid", "HardSigmoid", "Tanh", "Elu", "Selu",
        "Softplus", "Softsign", "Exp", "Clip")) {
      RULES.put(op, new ElementwiseRule(1));
    }
    RULES.put("PRelu", new ElementwiseRule(1) {
      @Override
      public long parameters(NodeView node) {
        return node.initializerSize(1);
      }
    });
    RULES.put("Identity", new ElementwiseRule(0));
    for (String op : List.of("Add", "Sum", "Mul", "Sub", "Div", "Max", "Min")) {
      RULES.put(op, new ElementwiseRule(-1));
    }
    RULES.put("Concat", new ConcatRule());
    RULES.put("Resize", new NearestResizeRule());
    RULES.put("DepthToSpace", new DepthToSpaceRule());
  }

  private OpRules() {}

  static OpRule get(NodeView node) {
    OpRule rule = RULES.get(node.node.getOpType());
    if (rule == null || !node.node.getDomain().isEmpty()) {
      throw node.fail("no analysis rule for this op type");
    }
    return rule;
  }

  /** Same-shape ops; cost {@code flops} per output element, or (inputs - 1) when negative. */
  private static class ElementwiseRule implements OpRule {
    private final int flops;

    ElementwiseRule(int flops) {
      this.flops = flops;
    }

    @Override
    public TensorFacts forward(NodeView node) {
      TensorFacts out = null;
      for (int i = 0; i < node.node.getInputCount(); i++) {
        if (node.isData(i)) {
          TensorFacts f = node.in(i);
          if (out != null && !(f.scaleH().equals(out.scaleH()) && f.scaleW().equals(out.scaleW()))) {
            throw node.fail("inputs have different resolutions");
          }
          out = out == null || f.channels() > out.channels() ? f : out;
        }
      }
      if (out == null) {
        throw node.fail("no data input");
      }
      return out;
    }

    @Override
    public double flopsPerOutputElement(NodeView node) {
      return flops >= 0 ? flops : node.node.getInputCount() - 1;
    }

    @Override
    public long[] back(NodeView node, int input, int axis, long lo, long hi) {
      return new long[] {lo, hi};
    }
  }

  private static final class ConvRule implements OpRule {
    @Override
    public TensorFacts forward(NodeView node) {
      TensorFacts in = node.in(0);
      return new TensorFacts(weightDims(node).get(0), in.scaleH().dividedBy(stride(node, 0)),
          in.scaleW().dividedBy(stride(node, 1)));
    }

    @Override
    public double flopsPerOutputElement(NodeView node) {
      List<Long> w = weightDims(node);
      return 2.0 * w.get(1) * w.get(2) * w.get(3) + (node.initializer(2) != null ? 1 : 0);
    }

    @Override
    public long parameters(NodeView node) {
      return node.initializerSize(1) + node.initializerSize(2);
    }

    @Override
    public long[] back(NodeView node, int input, int axis, long lo, long hi) {
      long k = weightDims(node).get(2 + axis);
      long d = listOr(node.attrInts("dilations"), axis, 1);
      long s = stride(node, axis);
      long begin = padBegin(node, axis, k, d, s);
      return new long[] {lo * s - begin, hi * s - begin + (k - 1) * d};
    }

    private static long padBegin(NodeView node, int axis, long k, long d, long s) {
      String autoPad = node.attrString("auto_pad", "NOTSET");
      switch (autoPad) {
        case "NOTSET":
          return listOr(node.attrInts("pads"), axis, 0);
        case "VALID":
          return 0;
        case "SAME_UPPER":
        case "SAME_LOWER":
          // Exact for stride 1; for larger strides the split depends on the input size.
          long total = Math.max((k - 1) * d + 1 - s, 0);
          return autoPad.equals("SAME_UPPER") ? total / 2 : total - total / 2;
        default:
          throw node.fail("unknown auto_pad " + autoPad);
      }
    }

    private static long stride(NodeView node, int axis) {
      return listOr(node.attrInts("strides"), axis, 1);
    }

    private static List<Long> weightDims(NodeView node) {
      TensorProto w = node.initializer(1);
      if (w == null || w.getDimsCount() != 4) {
        throw node.fail("the weight must be a 4-D initializer");
      }
      return w.getDimsList();
    }
  }

  private static final class ConcatRule implements OpRule {
    @Override
    public TensorFacts forward(NodeView node) {
      if (node.attrInt("axis", 0) != 1) {
        throw node.fail("only channel concatenation (axis 1) is supported");
      }
      long channels = 0;
      TensorFacts first = node.in(0);
      for (int i = 0; i < node.node.getInputCount(); i++) {
        channels += node.in(i).channels();
      }
      return new TensorFacts(channels, first.scaleH(), first.scaleW());
    }

    @Override
    public double flopsPerOutputElement(NodeView node) {
      return 0;
    }

    @Override
    public long[] back(NodeView node, int input, int axis, long lo, long hi) {
      return new long[] {lo, hi};
    }
  }

  /** Resize by integer factors in nearest/asymmetric/floor mode (out[y] = in[floor(y / f)]). */
  private static final class NearestResizeRule implements OpRule {
    @Override
    public TensorFacts forward(NodeView node) {
      TensorFacts in = node.in(0);
      return new TensorFacts(in.channels(), in.scaleH().times(factor(node, 0)),
          in.scaleW().times(factor(node, 1)));
    }

    @Override
    public double flopsPerOutputElement(NodeView node) {
      return 0;
    }

    @Override
    public long[] back(NodeView node, int input, int axis, long lo, long hi) {
      long f = factor(node, axis);
      return new long[] {Math.floorDiv(lo, f), Math.floorDiv(hi, f)};
    }

    private static long factor(NodeView node, int axis) {
      if (!node.attrString("mode", "nearest").equals("nearest")
          || !node.attrString("coordinate_transformation_mode", "half_pixel").equals("asymmetric")
          || !node.attrString("nearest_mode", "round_prefer_floor").equals("floor")) {
        throw node.fail("only nearest/asymmetric/floor resizing is analysed");
      }
      TensorProto scales = node.initializer(2);
      if (scales == null) {
        throw node.fail("scales must be an initializer");
      }
      float[] s = Fp16Converter.floats(scales);
      if (s.length != 4 || s[0] != 1 || s[1] != 1 || s[2 + axis] < 1 || s[2 + axis] % 1 != 0) {
        throw node.fail("only integer spatial upscaling is analysed");
      }
      return (long) s[2 + axis];
    }
  }

  private static final class DepthToSpaceRule implements OpRule {
    @Override
    public TensorFacts forward(NodeView node) {
      TensorFacts in = node.in(0);
      long b = node.attrInt("blocksize", 0);
      return new TensorFacts(in.channels() / (b * b), in.scaleH().times(b), in.scaleW().times(b));
    }

    @Override
    public double flopsPerOutputElement(NodeView node) {
      return 0;
    }

    @Override
    public long[] back(NodeView node, int input, int axis, long lo, long hi) {
      long b = node.attrInt("blocksize", 0);
      return new long[] {Math.floorDiv(lo, b), Math.floorDiv(hi, b)};
    }
  }

  private static long listOr(List<Long> values, int index, long fallback) {
    return values.isEmpty() ? fallback : values.get(index);
  }
}
