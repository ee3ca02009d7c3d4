package io.upscaler.models.onnx;

import static io.upscaler.models.onnx.OnnxAttributes.integer;
import static io.upscaler.models.onnx.OnnxAttributes.real;
import static io.upscaler.models.onnx.OnnxAttributes.string;

import ai.onnx.proto.OnnxMl.AttributeProto;
import java.util.List;

/**
 * A spatial resize by scale factors, as ONNX {@code Resize} with a {@code scales} input: the output
 * is {@code floor(size * scale)} along each axis, so the graph accepts any input size.
 *
 * <ul>
 *   <li>{@link Mode#NEAREST}: {@code out[y] = in[floor(y / scale)]} (coordinate mode asymmetric,
 *       nearest mode floor).
 *   <li>{@link Mode#LINEAR} and {@link Mode#CUBIC}: the output sample y reads the input at
 *       {@code (y + 0.5) / scale - 0.5} (half_pixel), or at {@code y * (in - 1) / (out - 1)} with
 *       {@code alignCorners}; taps beyond the border repeat the edge sample (exclude_outside 0);
 *       cubic uses the Keys kernel with a = -0.75 (OpenCV's and ncnn's bicubic). No antialiasing
 *       when scaling down.
 * </ul>
 *
 * @param mode interpolation
 * @param scaleH height factor, positive
 * @param scaleW width factor, positive
 * @param alignCorners align the corner samples (linear and cubic only)
 */
public record ResizeSpec(Mode mode, float scaleH, float scaleW, boolean alignCorners) {
  /** The cubic kernel's a, as in OpenCV and ncnn. */
  public static final float CUBIC_A = -0.75f;

  /** Interpolation. */
  public enum Mode { NEAREST, LINEAR, CUBIC }

  public ResizeSpec {
    if (mode == null || !(scaleH > 0) || !(scaleW > 0) || Float.isInfinite(scaleH)
        || Float.isInfinite(scaleW) || (mode == Mode.NEAREST && alignCorners)) {
      throw new IllegalArgumentException("invalid resize " + mode + " " + scaleH + " x " + scaleW
          + (alignCorners ? " align corners" : ""));
    }
  }

  /** Nearest-neighbour upsampling by integer factors. */
  public static ResizeSpec nearest(int factorH, int factorW) {
    return new ResizeSpec(Mode.NEAREST, factorH, factorW, false);
  }

  /** The Resize node's attributes. */
  List<AttributeProto> attributes() {
    String coordinates = alignCorners ? "align_corners" : "half_pixel";
    switch (mode) {
      case NEAREST:
        return List.of(string("mode", "nearest"),
            string("coordinate_transformation_mode", "asymmetric"), string("nearest_mode", "floor"));
      case LINEAR:
        return List.of(string("mode", "linear"),
            string("coordinate_transformation_mode", coordinates));
      default:
        return List.of(string("mode", "cubic"),
            string("coordinate_transformation_mode", coordinates), real("cubic_coeff_a", CUBIC_A),
            integer("exclude_outside", 0));
    }
  }
}
