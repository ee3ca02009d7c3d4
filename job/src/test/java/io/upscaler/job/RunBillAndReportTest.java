package io.upscaler.job;

import static io.upscaler.job.JobHarness.stats;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.upscaler.job.report.Progress;
import io.upscaler.job.report.ReportRenderingAccess;
import io.upscaler.job.testing.CapturedLog;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * One real run (five example photos and a text file named .jpg, 2 partitions on local[2], priced
 * at $3.60 per device-hour), then what it says it cost, what its progress lines said and the run
 * report it wrote.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RunBillAndReportTest {
  /** local[2]: one executor of two task slots, so two tasks share the priced device. */
  private static final double USD_PER_DEVICE_MS = 3.6 / 3_600_000 / 2;

  private Path out;
  private JobHarness.Run run;
  private String runId;
  private List<CapturedLog.Line> progress;
  private List<Row> rows;

  @BeforeAll
  void runOnce() throws Exception {
    Path dir = Files.createDirectories(Path.of("target", "run-bill-and-report").toAbsolutePath());
    Path in = dir.resolve("in");
    out = dir.resolve("out");
    org.apache.commons.io.FileUtils.deleteDirectory(dir.toFile());
    Files.createDirectories(in);
    for (String name : List.of("astronaut.jpg", "camera.png", "chelsea.webp", "coffee-rotated.jpg",
        "rocket-cutout.png")) {
      Files.copy(Path.of("..", "examples", name), in.resolve(name));
    }
    Files.writeString(in.resolve("notes.jpg"), "not an image");
    try (CapturedLog log = CapturedLog.of(Progress.class)) {
      run = JobHarness.run("--input", in.toString(), "--output", out.toString(),
          "--price-per-hour", "3.6", "--report-samples", "3", "--progress-every", "1",
          "--max-failure-ratio", "0.5");
      progress = log.lines();
    }
    assertEquals(0, run.exitCode(), run.err());
    rows = stats(out).collectAsList();
    runId = rows.get(0).getString(rows.get(0).fieldIndex("run_id"));
  }

  @Test
  void everyRowCostsItsDeviceTimeAtThePriceSharedByTheTasksOnTheDevice() {
    assertEquals(6, rows.size());
    for (Row r : rows) {
      long deviceMs = r.getLong(r.fieldIndex("device_ms"));
      double cost = r.getDouble(r.fieldIndex("cost_usd"));
      assertEquals(deviceMs * USD_PER_DEVICE_MS, cost, 1e-15, "cost of " + r);
      if ("OK".equals(r.getString(r.fieldIndex("status")))) {
        assertTrue(deviceMs > 0, "an upscale takes device time: " + r);
      }
    }
  }

  @Test
  void theSummaryAddsTheRowsCostsUpAndPricesAMillionImages() throws Exception {
    JsonNode summary = RerunsAndFailuresTest.summaryOf(out, runId);
    double total = rows.stream().mapToDouble(r -> r.getDouble(r.fieldIndex("cost_usd"))).sum();
    assertEquals(total, summary.get("cost_usd").asDouble(), 1e-12);
    assertEquals(5, summary.get("ok").asInt());
    assertEquals(total / 5 * 1e6, summary.get("cost_usd_per_million_images").asDouble(), 1e-6);
    assertTrue(run.out().contains(String.format("cost $%.4f", total)), run.out());
    assertTrue(run.out().contains("time:    planning "), run.out());
    assertTrue(run.out().contains("report:  " + out.resolve("runs").resolve(runId).resolve("report.html")),
        run.out());
  }

  @Test
  void progressLinesCountTheRunFromItsAccumulators() {
    String last = progress.get(progress.size() - 1).message();
    assertTrue(last.startsWith("run " + runId + ": 6/6 images (100.0%): ok 5, failed 1, skipped 0;"), last);
    double total = rows.stream().mapToDouble(r -> r.getDouble(r.fieldIndex("cost_usd"))).sum();
    assertTrue(last.contains(String.format("cost $%.4f so far", total)), last);
  }

  @Test
  void theReportDrawsTheGalleryAndTheChartsInChromium() throws Exception {
    Path page = out.resolve("runs").resolve(runId).resolve("report.html");
    String html = Files.readString(page);
    assertTrue(html.contains("UNSUPPORTED_FORMAT &middot; 1 row"), "failure class");
    assertTrue(html.contains("<td>notes</td>"), "the failed row's id");
    // 3 pairs over 2 partitions: the first partition's first, the second's, the first's second.
    assertTrue(html.contains("partition 0") && html.contains("partition 1"), "spread over partitions");
    ReportRenderingAccess.assertDrawn(page, 3, 4);
  }
}
