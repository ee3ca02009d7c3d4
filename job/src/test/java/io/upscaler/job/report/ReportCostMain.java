package io.upscaler.job.report;

import io.upscaler.core.image.Image;
import io.upscaler.core.resize.Filter;
import io.upscaler.core.resize.Resampler;
import io.upscaler.job.stats.StatsColumns;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

/**
 * Measures what the report adds to a run: one gallery pair on an executor (a 256x256 photo and
 * its 1024x1024 output) and rendering a page on the driver (CPU time of this thread), then
 * gathering the report's facts from N synthetic statistics rows and making its charts (the report
 * reads no table back). A measurement for BENCHMARKS.md, not a test:
 * {@code benchmarks/cost.sh} runs it.
 */
public final class ReportCostMain {
  private ReportCostMain() {}

  public static void main(String[] args) throws Exception {
    ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
    Image photo = CropsTest.example("astronaut.jpg");
    Image input = Resampler.resize(photo, 256, 256, Filter.LANCZOS3, 8);
    Image output = Resampler.resize(input, 1024, 1024, Filter.LANCZOS3, 8);
    int runs = 50;
    for (int i = 0; i < 10; i++) {
      Crops.pair("warm-up", 0, "m", input, output);
    }
    long t0 = cpu.getCurrentThreadCpuTime();
    long bytes = 0;
    for (int i = 0; i < runs; i++) {
      RunReport.GalleryPair p = Crops.pair("a", 0, "m", input, output);
      bytes += p.bicubicJpeg().length + p.outputJpeg().length;
    }
    double pairMs = (cpu.getCurrentThreadCpuTime() - t0) / 1e6 / runs;
    RunReport report = SampleReports.full();
    for (int i = 0; i < 10; i++) {
      ReportPage.html(report);
    }
    long t1 = cpu.getCurrentThreadCpuTime();
    int size = 0;
    for (int i = 0; i < runs; i++) {
      size = ReportPage.html(report).length();
    }
    double pageMs = (cpu.getCurrentThreadCpuTime() - t1) / 1e6 / runs;
    System.out.printf("gallery pair (256x256 -> 1024x1024, 192x192 crops): %.2f ms CPU, %d bytes of JPEG%n",
        pairMs, bytes / runs);
    System.out.printf("report page (%d pairs, 4 charts): %.2f ms CPU, %d characters%n",
        report.gallery().size(), pageMs, size);
    queries(args.length > 0 ? Long.parseLong(args[0]) : 1_000_000);
  }

  /**
   * The report's facts gathered from N synthetic statistics rows (as the committing tasks add
   * them, here on one thread), and the charts and failures made from them, three times.
   */
  private static void queries(long rows) {
    long start = 1767225600000L;
    long end = start + rows * 10;
    for (int i = 0; i < 3; i++) {
      long t1 = System.nanoTime();
      ReportFacts facts = new ReportFacts(start);
      java.util.Map<String, Long> failures = new java.util.TreeMap<>();
      for (long id = 0; id < rows; id++) {
        facts.add(syntheticRow(id, start));
        if (id % 50 == 0) {
          failures.merge(id % 100 == 0 ? "NOT_FOUND" : "CORRUPT_IMAGE", 1L, Long::sum);
        }
      }
      long t2 = System.nanoTime();
      ReportQueries.charts(facts, start, end);
      ReportQueries.failures(facts, failures);
      long t3 = System.nanoTime();
      System.out.printf("%,d rows: report facts gathered in %.0f ms (one thread), charts %.1f ms%n",
          rows, (t2 - t1) / 1e6, (t3 - t2) / 1e6);
    }
  }

  /** Like the table the queries used to read: one failure in 50, sizes and times spread. */
  private static org.apache.spark.sql.Row syntheticRow(long id, long start) {
    Object[] v = new Object[StatsColumns.ALL.size()];
    boolean failed = id % 50 == 0;
    v[StatsColumns.ID.index()] = Long.toString(id);
    v[StatsColumns.STATUS.index()] = failed ? "FAILED" : "OK";
    v[StatsColumns.ERROR_CLASS.index()] = failed ? (id % 100 == 0 ? "NOT_FOUND" : "CORRUPT_IMAGE") : null;
    v[StatsColumns.ERROR_MESSAGE.index()] = failed ? "cannot read image " + id : null;
    v[StatsColumns.INPUT_WIDTH.index()] = (int) (200 + id % 300);
    v[StatsColumns.INPUT_HEIGHT.index()] = (int) (150 + id % 200);
    v[StatsColumns.OUTPUT_WIDTH.index()] = (int) (800 + id % 1200);
    v[StatsColumns.OUTPUT_HEIGHT.index()] = (int) (600 + id % 800);
    v[StatsColumns.OUTPUT_BYTES.index()] = 100000 + id % 900000;
    v[StatsColumns.TOTAL_MS.index()] = 500 + id % 4000;
    v[StatsColumns.STARTED_AT.index()] = new java.sql.Timestamp(start + id * 10);
    return org.apache.spark.sql.RowFactory.create(v);
  }
}
