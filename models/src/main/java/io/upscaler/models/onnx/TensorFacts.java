package io.upscaler.models.onnx;

/**
 * What the analysis knows about a data tensor: its channels and its resolution relative to the
 * graph input along height and width.
 */
record TensorFacts(long channels, Ratio scaleH, Ratio scaleW) {
  Ratio scale(int axis) {
    return axis == 0 ? scaleH : scaleW;
  }

  /** Output elements of this tensor per input pixel. */
  double elementsPerInputPixel() {
    return channels * scaleH.value() * scaleW.value();
  }
}
