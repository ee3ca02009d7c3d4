package io.upscaler.models.onnx;

/**
 * The shape of one 2-D convolution in ONNX terms.
 *
 * @param outChannels output channels (O of the OIHW weight)
 * @param inChannelsPerGroup input channels each output sees (I of the OIHW weight)
 * @param kernelH kernel height
 * @param kernelW kernel width
 * @param strideH vertical stride
 * @param strideW horizontal stride
 * @param dilationH vertical dilation
 * @param dilationW horizontal dilation
 * @param groups channel groups
 * @param padding how the borders are padded
 */
public record ConvSpec(
    int outChannels, int inChannelsPerGroup, int kernelH, int kernelW,
    int strideH, int strideW, int dilationH, int dilationW, int groups, Padding padding) {

  /** Border handling. */
  public enum Padding {
    /** No padding: the output shrinks by the dilated kernel extent minus one. */
    VALID,
    /** Zero padding so that output size = ceil(input / stride), the extra row/column at the end (TF "same"). */
    SAME_UPPER
  }

  public ConvSpec {
    if (outChannels < 1 || inChannelsPerGroup < 1 || kernelH < 1 || kernelW < 1 || strideH < 1
        || strideW < 1 || dilationH < 1 || dilationW < 1 || groups < 1 || padding == null) {
      throw new IllegalArgumentException("invalid convolution " + this);
    }
  }

  /** Number of weights: O * I * kH * kW. */
  public long weightCount() {
    return (long) outChannels * inChannelsPerGroup * kernelH * kernelW;
  }

  /**
   * Explicit ONNX pads {@code [top, left, bottom, right]} when they do not depend on the input size
   * (stride 1), else null (use auto_pad SAME_UPPER).
   */
  int[] staticPads() {
    if (padding == Padding.VALID) {
      return new int[4];
    }
    if (strideH != 1 || strideW != 1) {
      return null;
    }
    int totalH = (kernelH - 1) * dilationH;
    int totalW = (kernelW - 1) * dilationW;
    return new int[] {totalH / 2, totalW / 2, totalH - totalH / 2, totalW - totalW / 2};
  }
}
