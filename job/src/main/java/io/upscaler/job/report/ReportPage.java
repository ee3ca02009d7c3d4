package io.upscaler.job.report;

import java.util.Base64;

/**
 * Renders a {@link RunReport} as one self-contained HTML page: inline CSS, charts as inline SVG,
 * crops as {@code data:} JPEGs; no scripts, fonts, stylesheets or images from anywhere else, so
 * the file can be mailed, archived or opened offline. Sections carry ids ({@code summary},
 * {@code failures}, {@code charts}, {@code gallery}) and the gallery's images class
 * {@code before} and {@code after}.
 */
public final class ReportPage {
  private static final String CSS = String.join("\n",
      "body{margin:0;background:#f7f7f5;color:#1d2433;font:14px/1.45 system-ui,-apple-system,'Segoe UI',sans-serif}",
      "main{max-width:1000px;margin:0 auto;padding:24px}",
      "h1{font-size:22px;margin:0 0 16px}h2{font-size:17px;margin:28px 0 10px;border-bottom:1px solid #d8dbe2;padding-bottom:4px}",
      "h3{font-size:14px;margin:14px 0 6px}",
      "table{border-collapse:collapse;background:#fff}td,th{padding:4px 10px;border:1px solid #e2e4ea;text-align:left;vertical-align:top}",
      "table.facts td:first-child{color:#5a6275;white-space:nowrap}",
      "td.msg{font-family:ui-monospace,monospace;font-size:12px;word-break:break-word}",
      ".charts{display:grid;grid-template-columns:repeat(2,470px);gap:16px}",
      "figure{margin:0;background:#fff;border:1px solid #e2e4ea;padding:6px}figcaption{font-size:12px;color:#5a6275}",
      "svg.chart text{font-size:11px;fill:#5a6275}svg.chart .axis{stroke:#8a90a0;fill:none}",
      "svg.chart .bar{fill:#2b6cb0}svg.chart .line{stroke:#c05621;stroke-width:2;fill:none}svg.chart .area{fill:#f6ad55;opacity:.45}",
      ".gallery{display:grid;grid-template-columns:repeat(2,1fr);gap:16px}",
      ".pair .imgs{display:flex;gap:6px}.pair img{width:192px;height:192px;object-fit:contain;background:#eee;image-rendering:auto}",
      ".pair .lbl{display:flex;gap:6px;font-size:11px;color:#5a6275}.pair .lbl span{width:192px}",
      "details{margin-top:8px}.none{color:#5a6275}");

  private ReportPage() {}

  public static String html(RunReport r) {
    StringBuilder b = new StringBuilder(64 * 1024);
    b.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
        .append("<meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">")
        .append("<title>upscaler run ").append(Html.escape(r.runId())).append("</title><style>")
        .append(CSS).append("</style></head><body><main>\n");
    b.append("<h1>upscaler run ").append(Html.escape(r.runId())).append("</h1>\n");
    summary(b, r);
    failures(b, r);
    charts(b, r);
    gallery(b, r);
    return b.append("</main></body></html>\n").toString();
  }

  private static void summary(StringBuilder b, RunReport r) {
    b.append("<section id=\"summary\"><h2>Summary</h2>");
    facts(b, "facts", r.facts());
    b.append("<details><summary>Settings</summary>");
    facts(b, "facts settings", r.settings());
    b.append("</details></section>\n");
  }

  private static void facts(StringBuilder b, String cls, java.util.List<RunReport.Fact> facts) {
    b.append("<table class=\"").append(cls).append("\">");
    for (RunReport.Fact f : facts) {
      b.append("<tr><td>").append(Html.escape(f.label())).append("</td><td>")
          .append(Html.escape(f.value())).append("</td></tr>");
    }
    b.append("</table>");
  }

  private static void failures(StringBuilder b, RunReport r) {
    b.append("<section id=\"failures\"><h2>Failures</h2>");
    if (r.failures().isEmpty()) {
      b.append("<p class=\"none\">No row failed.</p>");
    }
    for (RunReport.FailureGroup g : r.failures()) {
      b.append("<h3>").append(Html.escape(g.errorClass())).append(" &middot; ").append(g.count())
          .append(g.count() == 1 ? " row" : " rows").append("</h3><table><tr><th>id</th><th>message</th></tr>");
      for (RunReport.Failure f : g.first()) {
        b.append("<tr><td>").append(Html.escape(f.id())).append("</td><td class=\"msg\">")
            .append(Html.escape(f.message())).append("</td></tr>");
      }
      b.append("</table>");
      if (g.count() > g.first().size()) {
        b.append("<p class=\"none\">and ").append(g.count() - g.first().size()).append(" more</p>");
      }
    }
    b.append("</section>\n");
  }

  private static void charts(StringBuilder b, RunReport r) {
    b.append("<section id=\"charts\"><h2>Distributions and throughput</h2><div class=\"charts\">");
    for (RunReport.Histogram h : r.histograms()) {
      figure(b, h.title() + " (" + h.total() + " rows)", SvgCharts.histogram(h));
    }
    figure(b, r.throughput().title(), SvgCharts.series(r.throughput()));
    b.append("</div></section>\n");
  }

  private static void figure(StringBuilder b, String caption, String svg) {
    b.append("<figure>").append(svg).append("<figcaption>").append(Html.escape(caption))
        .append("</figcaption></figure>");
  }

  private static void gallery(StringBuilder b, RunReport r) {
    b.append("<section id=\"gallery\"><h2>Before and after</h2>");
    if (r.gallery().isEmpty()) {
      b.append("<p class=\"none\">No samples (no OK image, or report-samples = 0).</p>");
    } else {
      b.append("<p class=\"none\">The same region of a bicubic upscale of the input (left) and of the"
          + " output (right), at 1:1 output pixels.</p><div class=\"gallery\">");
    }
    for (RunReport.GalleryPair p : r.gallery()) {
      b.append("<figure class=\"pair\"><div class=\"imgs\">")
          .append(img("before", p.bicubicJpeg(), "bicubic " + p.id()))
          .append(img("after", p.outputJpeg(), "output " + p.id()))
          .append("</div><div class=\"lbl\"><span>bicubic</span><span>").append(Html.escape(p.model()))
          .append("</span></div><figcaption>").append(Html.escape(p.id())).append(" &middot; ")
          .append(p.inputWidth()).append('x').append(p.inputHeight()).append(" &rarr; ")
          .append(p.outputWidth()).append('x').append(p.outputHeight()).append(" &middot; region ")
          .append(p.crop()[2]).append('x').append(p.crop()[3]).append(" at ").append(p.crop()[0])
          .append(',').append(p.crop()[1]).append(" &middot; partition ").append(p.partition())
          .append("</figcaption></figure>");
    }
    if (!r.gallery().isEmpty()) {
      b.append("</div>");
    }
    b.append("</section>\n");
  }

  private static String img(String cls, byte[] jpeg, String alt) {
    return "<img class=\"" + cls + "\" alt=\"" + Html.escape(alt) + "\" src=\"data:image/jpeg;base64,"
        + Base64.getEncoder().encodeToString(jpeg) + "\">";
  }
}
