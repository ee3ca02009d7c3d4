package io.upscaler.job.report;

import java.util.Locale;

/** Formats chart values by unit: "ms" (milliseconds), "px" (pixels), "bytes", "MP/s". */
final class Units {
  private Units() {}

  static String format(double v, String unit) {
    return switch (unit) {
      case "ms" -> v < 1000 ? trim(v) + " ms" : Durations.format(v / 1000);
      case "px" -> v < 1e6 ? trim(v / 1e3) + " kP" : trim(v / 1e6) + " MP";
      case "bytes" -> v < 1 << 20 ? trim(v / 1024) + " KB" : trim(v / (1 << 20)) + " MB";
      case "s" -> Durations.format(v);
      default -> trim(v) + " " + unit;
    };
  }

  /** Three significant digits, no trailing zeros. */
  static String trim(double v) {
    if (v == 0) {
      return "0";
    }
    String s = String.format(Locale.ROOT, "%.3g", v);
    if (s.contains("e")) {
      return s;
    }
    return s.contains(".") ? s.replaceAll("0+$", "").replaceAll("\\.$", "") : s;
  }
}
