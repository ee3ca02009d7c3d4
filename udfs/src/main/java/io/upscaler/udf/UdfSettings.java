package io.upscaler.udf;

import java.io.Serializable;

/**
 * Settings of the SQL functions, fixed when they are registered and shipped to executors with
 * them.
 *
 * @param modelsDir folder of imported models (on every node), besides the bundled ones
 * @param device auto, cpu or gpu
 * @param tile largest tile side in input pixels
 * @param maxInputBytes larger inputs are refused
 * @param maxInputPixels inputs whose header declares more pixels are refused
 * @param maxOutputPixels larger outputs are refused
 * @param quality JPEG/WebP quality of the output
 */
public record UdfSettings(
    String modelsDir,
    String device,
    int tile,
    long maxInputBytes,
    long maxInputPixels,
    long maxOutputPixels,
    int quality)
    implements Serializable {

  public static UdfSettings defaults() {
    return new UdfSettings(
        "models/imported", "auto", 512, 256L << 20, 50_000_000L, 100_000_000L, 85);
  }
}
