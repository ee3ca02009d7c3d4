package io.upscaler.job.report;

import io.upscaler.core.UpscaleException;
import io.upscaler.job.exec.HadoopFiles;
import io.upscaler.job.stats.Summary;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes {@code runs/<run_id>/report.html} on the driver: the summary, the charts and failures of
 * {@link ReportQueries} from the {@link ReportFacts} gathered while the statistics rows were
 * committed (the table is not read back), and the gallery pairs the executors sampled. A report that can't be made is logged, never a failed run: the images, the
 * table and the summary are what the run is for.
 */
public final class ReportWriter {
  private static final Logger LOG = LoggerFactory.getLogger(ReportWriter.class);

  private ReportWriter() {}

  /** What the report is made of besides the statistics rows. */
  public record Inputs(Summary summary, Pricing pricing, RunTimings timings, long workStartMillis,
      long workEndMillis, List<RunReport.GalleryPair> gallery) {}

  /**
   * Builds and writes the report; returns its URI, or null (logged) when it could not be made.
   */
  public static String write(ReportFacts facts, Inputs in, HadoopFiles files, String uri) {
    long t0 = System.nanoTime();
    try {
      RunReport report = build(facts, in);
      byte[] html = ReportPage.html(report).getBytes(StandardCharsets.UTF_8);
      files.write(uri, html);
      LOG.info("run {}: report {} written in {} ms ({} bytes, {} gallery pairs)", in.summary().runId(),
          uri, (System.nanoTime() - t0) / 1_000_000, html.length, report.gallery().size());
      return uri;
    } catch (UpscaleException | RuntimeException e) {
      LOG.error("run {}: report {} not written", in.summary().runId(), uri, e);
      return null;
    }
  }

  static RunReport build(ReportFacts facts, Inputs in) {
    Summary s = in.summary();
    ReportQueries.Charts charts = ReportQueries.charts(facts, in.workStartMillis(), in.workEndMillis());
    List<RunReport.Fact> settings = new ArrayList<>();
    s.settings().forEach((k, v) -> settings.add(new RunReport.Fact(k, v)));
    return new RunReport(s.runId(), facts(s, in), settings,
        ReportQueries.failures(facts, s.failuresByClass()), charts.histograms(), charts.throughput(),
        in.gallery());
  }

  static List<RunReport.Fact> facts(Summary s, Inputs in) {
    List<RunReport.Fact> f = new ArrayList<>();
    f.add(fact("rows", String.valueOf(s.rows())));
    f.add(fact("OK / failed / skipped", s.ok() + " / " + s.failed() + " / " + s.skipped()));
    f.add(fact("input → output", String.format("%.2f MP → %.2f MP", s.inputMegapixels(), s.outputMegapixels())));
    f.add(fact("throughput", String.format("%.3f output MP/s over %s", s.throughputOutputMpPerS(),
        Durations.format(s.wallSeconds()))));
    Map<String, Long> l = s.latencyMs();
    f.add(fact("latency of OK images", "p50 " + l.get("p50") + " ms, p95 " + l.get("p95") + " ms, max "
        + l.get("max") + " ms"));
    f.add(fact("cost", s.costUsd() == null ? "- (no price: give --price-per-hour or --instance)"
        : String.format("$%.4f ($%.2f per million images)", s.costUsd(),
            s.costPerMillionImages() == null ? 0.0 : s.costPerMillionImages())));
    f.add(fact("priced at", in.pricing().rate().basis()));
    f.add(fact("time", in.timings().describe() + " (commit: until this report)"));
    f.add(fact("model", s.model().isEmpty() ? "-" : s.model()));
    f.add(fact("device", s.device().isEmpty() ? "-" : s.device()));
    f.add(fact("sessions built", String.valueOf(s.sessionLoads())));
    return f;
  }

  private static RunReport.Fact fact(String label, String value) {
    return new RunReport.Fact(label, value);
  }
}
