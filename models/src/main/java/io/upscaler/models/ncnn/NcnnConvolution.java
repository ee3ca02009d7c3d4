package io.upscaler.models.ncnn;

import io.upscaler.models.onnx.ConvSpec;
import io.upscaler.models.onnx.GraphBuilder;
import java.util.List;
import java.util.Set;

/**
 * ncnn's {@code Convolution}: 0 num_output, 1/11 kernel w/h, 2/12 dilation w/h, 3/13 stride w/h,
 * 4/15/14/16 pad left/right/top/bottom (-233 SAME_UPPER, -234 SAME_LOWER), 18 pad value (must be
 * 0), 5 bias term, 6 weight count, 8 int8 scale term (must be 0), 9/10 fused activation and its
 * parameters, 19 dynamic weight (must be 0). Weights are OIHW, stored tagged; biases raw.
 */
final class NcnnConvolution {
  private static final int SAME_UPPER = -233;
  private static final int SAME_LOWER = -234;

  private NcnnConvolution() {}

  static String convert(NcnnLayer l, List<String> in, GraphBuilder g, NcnnWeights w) {
    l.allowOnly(0, 1, 11, 2, 12, 3, 13, 4, 15, 14, 16, 18, 5, 6, 8, 9, 10, 19);
    if (l.real(18, 0f) != 0f || l.integer(8, 0) != 0 || l.integer(19, 0) != 0) {
      throw l.unsupported("uses a nonzero pad value (18=), int8 scales (8=) or dynamic weights"
          + " (19=), which the importer does not support");
    }
    String x = l.single(in);
    int kernelW = positive(l, 1, 0, "kernel_w");
    int dilationW = positive(l, 2, 1, "dilation_w");
    int strideW = positive(l, 3, 1, "stride_w");
    ConvSpec spec = spec(l, positive(l, 0, 0, "num_output"), g.channels(x), kernelW,
        positive(l, 11, kernelW, "kernel_h"), strideW, positive(l, 13, strideW, "stride_h"),
        dilationW, positive(l, 12, dilationW, "dilation_h"));
    if (l.integer(6, 0) != spec.weightCount()) {
      throw l.unsupported("has weight_data_size " + l.integer(6, 0) + " but " + spec.outChannels()
          + " outputs x " + spec.inChannelsPerGroup() + " input channels x " + spec.kernelH() + "x"
          + spec.kernelW() + " = " + spec.weightCount());
    }
    float[] weights = w.tagged(l.integer(6, 0), "weights of layer '" + l.name() + "'");
    boolean bias = l.oneOf(5, 0, "bias_term", Set.of(0, 1)) == 1;
    float[] b = bias ? w.raw(spec.outChannels(), "bias of layer '" + l.name() + "'") : null;
    return NcnnActivations.apply(g, l, g.conv(l.name(), x, spec, weights, b));
  }

  private static ConvSpec spec(NcnnLayer l, int out, int in, int kernelW, int kernelH, int strideW,
      int strideH, int dilationW, int dilationH) {
    int left = l.integer(4, 0);
    int right = l.integer(15, left);
    int top = l.integer(14, left);
    int bottom = l.integer(16, top);
    for (int auto : new int[] {SAME_UPPER, SAME_LOWER}) {
      if (left == auto && right == auto && top == auto && bottom == auto) {
        return new ConvSpec(out, in, kernelH, kernelW, strideH, strideW, dilationH, dilationW, 1,
            auto == SAME_UPPER ? ConvSpec.Padding.SAME_UPPER : ConvSpec.Padding.SAME_LOWER);
      }
    }
    if (left < 0 || right < 0 || top < 0 || bottom < 0) {
      throw l.unsupported("has padding left " + left + ", right " + right + ", top " + top
          + ", bottom " + bottom + "; expected sizes >= 0, or -233 or -234 on every side");
    }
    return new ConvSpec(out, in, kernelH, kernelW, strideH, strideW, dilationH, dilationW, 1,
        ConvSpec.Padding.EXPLICIT, new ConvSpec.Pads(top, left, bottom, right));
  }

  private static int positive(NcnnLayer l, int id, int fallback, String meaning) {
    int v = l.integer(id, fallback);
    if (v < 1) {
      throw l.unsupported("has " + meaning + " " + v + " (" + id + "=); expected a positive value");
    }
    return v;
  }
}
