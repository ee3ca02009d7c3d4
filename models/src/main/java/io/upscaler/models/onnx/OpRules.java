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
    RULES.put("Resize", new ResizeRule());
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

  /**
   * Resize by constant scale factors (see {@link ResizeSpec}). Nearest copies; linear and cubic
   * interpolate from 2 or 4 taps per axis, counted as 2 FLOPs per tap of the 2-D kernel.
   */
  private static final class ResizeRule implements OpRule {
    @Override
    public TensorFacts forward(NodeView node) {
      TensorFacts in = node.in(0);
      return new TensorFacts(in.channels(), in.scaleH().times(factor(node, 0)),
          in.scaleW().times(factor(node, 1)));
    }

    @Override
    public double flopsPerOutputElement(NodeView node) {
      long taps = taps(node);
      return taps == 1 ? 0 : 2.0 * taps * taps;
    }

    @Override
    public long[] back(NodeView node, int input, int axis, long lo, long hi) {
      Ratio f = factor(node, axis);
      if (taps(node) == 1) {
        return new long[] {Math.floorDiv(lo * f.den(), f.num()), Math.floorDiv(hi * f.den(), f.num())};
      }
      // half_pixel: output y samples input (y + 0.5) / f - 0.5 = ((2y + 1) den - num) / (2 num).
      long first = Math.floorDiv((2 * lo + 1) * f.den() - f.num(), 2 * f.num());
      long last = Math.floorDiv((2 * hi + 1) * f.den() - f.num(), 2 * f.num());
      long before = taps(node) / 2 - 1;
      long after = taps(node) / 2;
      if (node.attrString("coordinate_transformation_mode", "half_pixel").equals("align_corners")) {
        // y * (in - 1) / (out - 1) lies within |1/2 - 1/(2f)| of the half_pixel position.
        long slack = (long) Math.ceil(Math.abs(0.5 - 0.5 * f.den() / f.num()));
        before += slack;
        after += slack;
      }
      return new long[] {first - before, last + after};
    }

    /** Taps per axis: 1 (nearest), 2 (linear) or 4 (cubic); refuses other settings. */
    private static long taps(NodeView node) {
      String mode = node.attrString("mode", "nearest");
      String coordinates = node.attrString("coordinate_transformation_mode", "half_pixel");
      if (mode.equals("nearest") && coordinates.equals("asymmetric")
          && node.attrString("nearest_mode", "round_prefer_floor").equals("floor")) {
        return 1;
      }
      if ((mode.equals("linear") || mode.equals("cubic"))
          && (coordinates.equals("half_pixel") || coordinates.equals("align_corners"))) {
        return mode.equals("linear") ? 2 : 4;
      }
      throw node.fail("only nearest/asymmetric/floor and linear or cubic with half_pixel or"
          + " align_corners coordinates are analysed");
    }

    private static Ratio factor(NodeView node, int axis) {
      TensorProto scales = node.initializer(2);
      if (scales == null) {
        throw node.fail("scales must be an initializer");
      }
      float[] s = Fp16Converter.floats(scales);
      if (s.length != 4 || s[0] != 1 || s[1] != 1) {
        throw node.fail("only spatial resizing is analysed");
      }
      try {
        return Ratio.of(s[2 + axis]);
      } catch (IllegalArgumentException e) {
        throw node.fail("scale " + e.getMessage());
      }
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
