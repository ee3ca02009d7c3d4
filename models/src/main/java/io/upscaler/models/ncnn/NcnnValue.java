package io.upscaler.models.ncnn;

/**
 * One parameter value of an ncnn layer: a scalar or an array of numbers, each written as an integer
 * or as a float (a float has '.', 'e' or 'E' in its text, as ncnn decides).
 *
 * @param array whether it was written as an array ({@code -233xx=count,v1,v2,...})
 * @param values the numbers
 * @param floating for each number, whether it was written as a float
 * @param text the value as written, for messages
 */
record NcnnValue(boolean array, double[] values, boolean[] floating, String text) {

  /** Parses the text after '=' of key {@code key}; IllegalArgumentException when malformed. */
  static NcnnValue parse(int key, String text) {
    boolean array = key <= NcnnLayer.ARRAY_KEY_BASE;
    String[] parts = text.split(",", -1);
    int offset = array ? 1 : 0;
    if (array && Integer.parseInt(parts[0]) != parts.length - 1) {
      throw new IllegalArgumentException("array " + text + " does not hold " + parts[0] + " values");
    }
    if (!array && parts.length != 1) {
      throw new IllegalArgumentException("value " + text + " is a list but key " + key
          + " is not an array key");
    }
    double[] values = new double[parts.length - offset];
    boolean[] floating = new boolean[values.length];
    for (int i = 0; i < values.length; i++) {
      String v = parts[i + offset];
      floating[i] = v.contains(".") || v.contains("e") || v.contains("E");
      values[i] = floating[i] ? Float.parseFloat(v) : Integer.parseInt(v);
    }
    return new NcnnValue(array, values, floating, text);
  }
}
