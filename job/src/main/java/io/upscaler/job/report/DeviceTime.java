package io.upscaler.job.report;

/**
 * Shares a span of a task's time among the rows it served at once (a batch of images whose model
 * passes ran together), for their {@code device_ms}. Pure arithmetic; thread-safe.
 */
public final class DeviceTime {
  private DeviceTime() {}

  /**
   * Splits {@code nanos} in proportion to {@code weights} (a row's planned cost; 0 for a row that
   * never reached the model), equally when every weight is 0. The parts add up to {@code nanos}
   * exactly: rounding goes to the last row with weight.
   */
  public static long[] split(long nanos, double[] weights) {
    long[] parts = new long[weights.length];
    if (weights.length == 0) {
      return parts;
    }
    double total = 0;
    for (double w : weights) {
      total += Math.max(0, w);
    }
    long given = 0;
    int last = -1;
    for (int i = 0; i < weights.length; i++) {
      double share = total > 0 ? Math.max(0, weights[i]) / total : 1.0 / weights.length;
      if (share > 0) {
        parts[i] = (long) Math.floor(nanos * share);
        given += parts[i];
        last = i;
      }
    }
    parts[last] += nanos - given;
    return parts;
  }
}
