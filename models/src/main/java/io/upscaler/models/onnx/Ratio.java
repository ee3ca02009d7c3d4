package io.upscaler.models.onnx;

/** A positive rational number: the resolution of a tensor relative to the graph input. */
record Ratio(long num, long den) {
  static final Ratio ONE = new Ratio(1, 1);

  Ratio {
    if (num <= 0 || den <= 0) {
      throw new IllegalArgumentException("not a positive ratio: " + num + "/" + den);
    }
    long g = gcd(num, den);
    num /= g;
    den /= g;
  }

  /**
   * The ratio with the smallest denominator (up to 4096) that is exactly {@code value} in float32,
   * e.g. 0.75f gives 3/4; IllegalArgumentException when there is none.
   */
  static Ratio of(float value) {
    if (value > 0 && !Float.isInfinite(value)) {
      for (long den = 1; den <= 4096; den++) {
        long num = Math.round((double) value * den);
        if (num > 0 && (float) ((double) num / den) == value) {
          return new Ratio(num, den);
        }
      }
    }
    throw new IllegalArgumentException(value + " is not a positive ratio of small integers");
  }

  Ratio times(Ratio other) {
    return new Ratio(num * other.num, den * other.den);
  }

  Ratio times(long factor) {
    return new Ratio(num * factor, den);
  }

  Ratio dividedBy(long factor) {
    return new Ratio(num, den * factor);
  }

  double value() {
    return (double) num / den;
  }

  boolean isInteger() {
    return den == 1;
  }

  static long gcd(long a, long b) {
    return b == 0 ? a : gcd(b, a % b);
  }

  @Override
  public String toString() {
    return den == 1 ? Long.toString(num) : num + "/" + den;
  }
}
