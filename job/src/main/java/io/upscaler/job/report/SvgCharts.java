package io.upscaler.job.report;

import java.util.List;

/**
 * Inline SVG charts for the run report: no scripts, no external resources. Every chart is a
 * {@code <svg class="chart">} of {@value #WIDTH} x {@value #HEIGHT} user units whose data marks
 * carry class {@code bar} or {@code line}, so a reader (or a test) can find what was drawn.
 */
final class SvgCharts {
  static final int WIDTH = 460;
  static final int HEIGHT = 230;
  private static final int LEFT = 76;
  private static final int RIGHT = 12;
  private static final int TOP = 12;
  private static final int BOTTOM = 36;
  private static final double PLOT_W = WIDTH - LEFT - RIGHT;
  private static final double PLOT_H = HEIGHT - TOP - BOTTOM;

  private SvgCharts() {}

  /** Bars of a histogram, counts on the y axis, bin edges on the x axis. */
  static String histogram(RunReport.Histogram h) {
    StringBuilder b = open(h.id(), h.title());
    List<RunReport.Bin> bins = h.bins();
    if (bins.isEmpty()) {
      return empty(b);
    }
    long max = bins.stream().mapToLong(RunReport.Bin::count).max().orElse(1);
    double bw = PLOT_W / bins.size();
    for (int i = 0; i < bins.size(); i++) {
      RunReport.Bin bin = bins.get(i);
      double bh = bin.count() == 0 ? 0 : Math.max(1, PLOT_H * bin.count() / max);
      b.append("<rect class=\"bar\" x=\"").append(Html.n(LEFT + i * bw + 0.5)).append("\" y=\"")
          .append(Html.n(TOP + PLOT_H - bh)).append("\" width=\"").append(Html.n(Math.max(1, bw - 1)))
          .append("\" height=\"").append(Html.n(bh)).append("\"><title>")
          .append(Html.escape(Units.format(bin.lo(), h.unit()) + " to " + Units.format(bin.hi(), h.unit())
              + ": " + bin.count()))
          .append("</title></rect>");
    }
    axes(b, "0", String.valueOf(max));
    xLabel(b, LEFT, Units.format(bins.get(0).lo(), h.unit()), "start");
    xLabel(b, LEFT + PLOT_W, Units.format(bins.get(bins.size() - 1).hi(), h.unit()), "end");
    if (bins.size() > 2) {
      RunReport.Bin mid = bins.get(bins.size() / 2);
      xLabel(b, LEFT + (bins.size() / 2) * bw, Units.format(mid.lo(), h.unit()), "middle");
    }
    return close(b);
  }

  /** A line with the area under it; time on the x axis from 0. */
  static String series(RunReport.Series s) {
    StringBuilder b = open(s.id(), s.title());
    List<RunReport.Point> points = s.points();
    if (points.isEmpty()) {
      return empty(b);
    }
    double tMax = Math.max(1e-9, points.get(points.size() - 1).seconds());
    double vMax = Math.max(1e-9, points.stream().mapToDouble(RunReport.Point::value).max().orElse(1));
    StringBuilder line = new StringBuilder();
    for (RunReport.Point p : points) {
      line.append(Html.n(LEFT + PLOT_W * p.seconds() / tMax)).append(',')
          .append(Html.n(TOP + PLOT_H - PLOT_H * p.value() / vMax)).append(' ');
    }
    String base = Html.n(TOP + PLOT_H);
    b.append("<polygon class=\"area\" points=\"").append(Html.n(LEFT + PLOT_W * points.get(0).seconds() / tMax))
        .append(',').append(base).append(' ').append(line).append(Html.n(LEFT + PLOT_W)).append(',')
        .append(base).append("\"/>");
    b.append("<polyline class=\"line\" points=\"").append(line.toString().strip()).append("\"/>");
    axes(b, "0", Units.format(vMax, s.unit()));
    xLabel(b, LEFT, "0 s", "start");
    xLabel(b, LEFT + PLOT_W, Units.format(tMax, "s"), "end");
    return close(b);
  }

  private static StringBuilder open(String id, String title) {
    StringBuilder b = new StringBuilder(2048);
    b.append("<svg class=\"chart\" id=\"").append(Html.escape(id)).append("\" xmlns=\"http://www.w3.org/2000/svg\"")
        .append(" width=\"").append(WIDTH).append("\" height=\"").append(HEIGHT).append("\" viewBox=\"0 0 ")
        .append(WIDTH).append(' ').append(HEIGHT).append("\" role=\"img\" aria-label=\"")
        .append(Html.escape(title)).append("\">");
    return b;
  }

  private static void axes(StringBuilder b, String yMin, String yMax) {
    String x0 = Html.n(LEFT);
    String y0 = Html.n(TOP + PLOT_H);
    b.append("<path class=\"axis\" d=\"M").append(x0).append(' ').append(TOP).append(" V").append(y0)
        .append(" H").append(Html.n(LEFT + PLOT_W)).append("\"/>");
    b.append(text(LEFT - 6, TOP + PLOT_H, yMin, "end"));
    b.append(text(LEFT - 6, TOP + 10, yMax, "end"));
  }

  private static void xLabel(StringBuilder b, double x, String label, String anchor) {
    b.append(text(x, HEIGHT - BOTTOM + 18, label, anchor));
  }

  private static String text(double x, double y, String label, String anchor) {
    return "<text x=\"" + Html.n(x) + "\" y=\"" + Html.n(y) + "\" text-anchor=\"" + anchor + "\">"
        + Html.escape(label) + "</text>";
  }

  private static String empty(StringBuilder b) {
    b.append(text(WIDTH / 2.0, HEIGHT / 2.0, "no data", "middle"));
    return close(b);
  }

  private static String close(StringBuilder b) {
    return b.append("</svg>").toString();
  }
}
