package io.upscaler.job.report;

/** Short human durations for the console and the report. */
final class Durations {
  private Durations() {}

  /** "850 ms", "12.3 s", "4 min 05 s", "3 h 07 min". */
  static String format(double seconds) {
    if (Double.isNaN(seconds) || Double.isInfinite(seconds)) {
      return "-";
    }
    if (Math.round(seconds * 1000) < 1000) {
      return Math.round(seconds * 1000) + " ms";
    }
    if (seconds < 60) {
      return String.format("%.1f s", seconds);
    }
    long s = Math.round(seconds);
    if (s < 3600) {
      return String.format("%d min %02d s", s / 60, s % 60);
    }
    return String.format("%d h %02d min", s / 3600, (s % 3600) / 60);
  }
}
