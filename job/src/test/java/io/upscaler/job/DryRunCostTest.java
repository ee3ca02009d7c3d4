package io.upscaler.job;

import static io.upscaler.job.JobHarness.writeImage;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.upscaler.job.report.CostEstimate;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The dry run's estimate of wall time and cost on the chosen instance. */
class DryRunCostTest {
  @TempDir Path dir;

  @Test
  void aDryRunEstimatesTimeAndCostFromTheModelFlopsAndTheInstancesRate() throws Exception {
    writeImage(dir.resolve("in/a.png"), 64, 48, "png");
    writeImage(dir.resolve("in/b.png"), 32, 32, "png");
    Path out = dir.resolve("out");
    JobResult r = JobHarness.execute("--input", dir.resolve("in").toString(), "--output",
        out.toString(), "--dry-run", "--instance", "g4dn.xlarge");
    double tflop = r.estimate().teraFlops();
    // esrgan-slim-x2 at 445,896 FLOPs per input pixel, 64x48 + 32x32 input pixels.
    assertEquals(445_896.0 * (64 * 48 + 32 * 32) / 1e12, tflop, 1e-15);
    CostEstimate e = r.costEstimate();
    assertEquals(tflop / 19.5, e.deviceSeconds(), 1e-18, "T4 at 19.5 TFLOP/s (fp16 twins) from the table");
    assertEquals(e.deviceSeconds(), e.wallSeconds(), 0.0, "one GPU");
    assertEquals(e.deviceSeconds() / 3600 * 0.526, e.usd(), 1e-18);
    assertTrue(e.describe().startsWith("ESTIMATE"), e.describe());
    assertFalse(Files.exists(out), "a dry run writes nothing");
  }

  @Test
  void anUnknownInstanceStopsTheRunBeforeAnythingIsRead() throws Exception {
    writeImage(dir.resolve("in/a.png"), 8, 8, "png");
    Path out = dir.resolve("out");
    JobHarness.Run r = JobHarness.run("--input", dir.resolve("in").toString(), "--output",
        out.toString(), "--instance", "x9.giant");
    assertEquals(2, r.exitCode());
    assertTrue(r.err().contains("instance 'x9.giant' is not in the price table"), r.err());
    assertFalse(Files.exists(out));
  }

  @Test
  void theConsoleShowsTheEstimateOfADryRun() throws Exception {
    writeImage(dir.resolve("in/a.png"), 8, 8, "png");
    JobHarness.Run r = JobHarness.run("--input", dir.resolve("in").toString(), "--output",
        dir.resolve("out").toString(), "--dry-run", "--instance", "p4d.24xlarge");
    assertEquals(0, r.exitCode(), r.err());
    assertTrue(r.out().contains("ESTIMATE (model compute only"), r.out());
    assertTrue(r.out().contains("on one p4d.24xlarge (8 x A100 GPU, fp16 twins)"), r.out());
  }
}
