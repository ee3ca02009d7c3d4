package io.upscaler.job.report;

/** HTML text helpers. */
final class Html {
  private Html() {}

  /** Escapes text for element content and double-quoted attribute values. */
  static String escape(String s) {
    if (s == null) {
      return "";
    }
    StringBuilder b = new StringBuilder(s.length() + 16);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '&' -> b.append("&amp;");
        case '<' -> b.append("&lt;");
        case '>' -> b.append("&gt;");
        case '"' -> b.append("&quot;");
        case '\'' -> b.append("&#39;");
        default -> b.append(c);
      }
    }
    return b.toString();
  }

  /** A number for SVG coordinates: one decimal, no locale. */
  static String n(double v) {
    return String.valueOf(Math.round(v * 10) / 10.0);
  }
}
