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
