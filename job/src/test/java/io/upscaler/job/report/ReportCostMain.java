package io.upscaler.job.report;

import io.upscaler.core.image.Image;
import io.upscaler.core.resize.Filter;
import io.upscaler.core.resize.Resampler;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

/**
 * Measures what the report adds to a run: one gallery pair on an executor (a 256x256 photo and
 * its 1024x1024 output) and rendering a page on the driver (CPU time of this thread), then the
 * report's two queries over a synthetic statistics table of N rows (wall time, local[2]; the
 * summary itself runs none). A measurement for BENCHMARKS.md, not a test:
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

  /** The summary's queries and the report's over the same table, three times each. */
  private static void queries(long rows) {
    org.apache.spark.sql.SparkSession spark = io.upscaler.job.testing.TestSpark.session();
    String dir = java.nio.file.Path.of("target", "report-bench-stats").toAbsolutePath().toString();
    spark.range(rows).selectExpr(
        "CASE WHEN id % 50 = 0 THEN 'FAILED' ELSE 'OK' END AS status",
        "CASE WHEN id % 50 = 0 THEN CASE WHEN id % 100 = 0 THEN 'NOT_FOUND' ELSE 'CORRUPT_IMAGE' END END AS error_class",
        "CASE WHEN id % 50 = 0 THEN concat('cannot read image ', id) END AS error_message",
        "cast(id AS string) AS id", "cast(id % 8 AS string) AS executor_id", "id < 8 AS session_loaded",
        "cast(200 + id % 300 AS int) AS input_width", "cast(150 + id % 200 AS int) AS input_height",
        "cast(800 + id % 1200 AS int) AS output_width", "cast(600 + id % 800 AS int) AS output_height",
        "cast(100000 + id % 900000 AS long) AS output_bytes", "cast(500 + id % 4000 AS long) AS total_ms",
        "timestamp_millis(1767225600000 + id * 10) AS started_at", "'realesr-general-x4v3' AS model",
        "'cuda:0' AS device", "(500 + id % 4000) * 1e-7 AS cost_usd")
        .write().mode("overwrite").parquet(dir);
    org.apache.spark.sql.Dataset<org.apache.spark.sql.Row> stats = spark.read().parquet(dir);
    long start = 1767225600000L;
    long end = start + rows * 10;
    for (int i = 0; i < 3; i++) {
      // The summary runs no query: it is added up while the rows are written (stats.Totals).
      java.util.Map<String, Long> failures = new java.util.TreeMap<>();
      stats.where("status = 'FAILED'").groupBy("error_class").count().collectAsList()
          .forEach(r -> failures.put(r.getString(0), r.getLong(1)));
      long t1 = System.nanoTime();
      ReportQueries.charts(stats, start, end);
      ReportQueries.failures(stats, failures);
      long t2 = System.nanoTime();
      System.out.printf("%,d rows: report queries %.0f ms%n", rows, (t2 - t1) / 1e6);
    }
  }
}
