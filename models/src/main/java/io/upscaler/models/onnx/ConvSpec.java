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
 * @param pads the zero padding for {@link Padding#EXPLICIT}, else null
 */
public record ConvSpec(
    int outChannels, int inChannelsPerGroup, int kernelH, int kernelW,
    int strideH, int strideW, int dilationH, int dilationW, int groups, Padding padding,
    Pads pads) {

  /** Border handling. */
  public enum Padding {
    /** No padding: the output shrinks by the dilated kernel extent minus one. */
    VALID,
    /** Zero padding so that output size = ceil(input / stride), the extra row/column at the end (TF "same"). */
    SAME_UPPER,
    /** As {@link #SAME_UPPER}, with the extra row/column at the start. */
    SAME_LOWER,
    /** Fixed zero padding on each side, given by {@link ConvSpec#pads()}. */
    EXPLICIT
  }

  /**
   * Zero rows and columns added on each side before the convolution.
   *
   * @param top rows above
   * @param left columns on the left
   * @param bottom rows below
   * @param right columns on the right
   */
  public record Pads(int top, int left, int bottom, int right) {
    public Pads {
      if (top < 0 || left < 0 || bottom < 0 || right < 0) {
        throw new IllegalArgumentException("negative padding " + this);
      }
    }
  }

  public ConvSpec {
    if (outChannels < 1 || inChannelsPerGroup < 1 || kernelH < 1 || kernelW < 1 || strideH < 1
        || strideW < 1 || dilationH < 1 || dilationW < 1 || groups < 1 || padding == null
        || (padding == Padding.EXPLICIT) != (pads != null)) {
      throw new IllegalArgumentException("invalid convolution " + this);
    }
  }

  /** A convolution with {@link Padding#VALID}, {@link Padding#SAME_UPPER} or {@link Padding#SAME_LOWER} borders. */
  public ConvSpec(int outChannels, int inChannelsPerGroup, int kernelH, int kernelW,
      int strideH, int strideW, int dilationH, int dilationW, int groups, Padding padding) {
    this(outChannels, inChannelsPerGroup, kernelH, kernelW, strideH, strideW, dilationH, dilationW,
        groups, padding, null);
  }

  /** Number of weights: O * I * kH * kW. */
  public long weightCount() {
    return (long) outChannels * inChannelsPerGroup * kernelH * kernelW;
  }

  /**
   * Explicit ONNX pads {@code [top, left, bottom, right]} when they do not depend on the input size
   * (stride 1 or explicit padding), else null (use auto_pad with {@link #padding()}'s name).
   */
  int[] staticPads() {
    switch (padding) {
      case VALID:
        return new int[4];
      case EXPLICIT:
        return new int[] {pads.top(), pads.left(), pads.bottom(), pads.right()};
      default:
        if (strideH != 1 || strideW != 1) {
          return null;
        }
        int totalH = (kernelH - 1) * dilationH;
        int totalW = (kernelW - 1) * dilationW;
        int[] upper = {totalH / 2, totalW / 2, totalH - totalH / 2, totalW - totalW / 2};
        return padding == Padding.SAME_UPPER ? upper
            : new int[] {upper[2], upper[3], upper[0], upper[1]};
    }
  }
}
