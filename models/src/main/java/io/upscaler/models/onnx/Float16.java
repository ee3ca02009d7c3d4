package io.upscaler.models.onnx;

/**
 * IEEE 754 binary16 conversions. Java 17 has no {@code Float.floatToFloat16}; this is the same
 * round-to-nearest-even conversion, so weights written as fp16 are the nearest representable values.
 */
public final class Float16 {
  private Float16() {}

  /** The binary16 bits nearest to {@code value} (ties to even; overflow to infinity; NaN stays NaN). */
  public static short fromFloat(float value) {
    int bits = Float.floatToRawIntBits(value);
    int sign = (bits >>> 16) & 0x8000;
    int exponent = (bits >>> 23) & 0xff;
    int mantissa = bits & 0x7fffff;
    if (exponent == 0xff) {
      return (short) (sign | 0x7c00 | (mantissa != 0 ? 0x200 | (mantissa >>> 13) : 0));
    }
    int halfExponent = exponent - 127 + 15;
    if (halfExponent >= 0x1f) {
      return (short) (sign | 0x7c00);
    }
    if (halfExponent <= 0) {
      return (short) (sign | subnormal(mantissa | 0x800000, 14 - halfExponent));
    }
    int half = (halfExponent << 10) | (mantissa >>> 13);
    // A carry out of the mantissa correctly bumps the exponent (and reaches infinity at the top).
    return (short) (sign | roundToEven(half, mantissa & 0x1fff, 0x1000));
  }

  /** The float value of binary16 {@code bits} (exact: every binary16 value is a float). */
  public static float toFloat(short bits) {
    int sign = (bits & 0x8000) << 16;
    int exponent = (bits >>> 10) & 0x1f;
    int mantissa = bits & 0x3ff;
    if (exponent == 0x1f) {
      return Float.intBitsToFloat(sign | 0x7f800000 | (mantissa << 13));
    }
    if (exponent == 0) {
      float magnitude = mantissa * 0x1p-24f;
      return sign == 0 ? magnitude : -magnitude;
    }
    return Float.intBitsToFloat(sign | ((exponent - 15 + 127) << 23) | (mantissa << 13));
  }

  private static int subnormal(int significand, int shift) {
    if (shift > 24) {
      return 0; // below half the smallest subnormal: rounds to zero
    }
    int half = significand >>> shift;
    return roundToEven(half, significand & ((1 << shift) - 1), 1 << (shift - 1));
  }

  private static int roundToEven(int truncated, int remainder, int halfway) {
    if (remainder > halfway || (remainder == halfway && (truncated & 1) != 0)) {
      return truncated + 1;
    }
    return truncated;
  }
}
