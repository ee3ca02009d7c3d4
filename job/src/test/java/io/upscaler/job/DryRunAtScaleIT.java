package io.upscaler.job;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.format_string;
import static org.apache.spark.sql.functions.lit;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.upscaler.job.testing.E2eFiles;
import io.upscaler.job.testing.LocalSubmit;
import io.upscaler.job.testing.SubmitResult;
import io.upscaler.job.testing.TestSpark;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 9 part 3: a dry run over a manifest of 1,000,000 rows (inline tiny images, every header
 * probed) under a 1 GB driver heap (spark-submit local[2]: the driver JVM is the executor too).
 * Prints the driver's time and the peak heap its GC log saw, for BENCHMARKS.md.
 */
class DryRunAtScaleIT {
  private static final int ROWS = 1_000_000;
  /** "GC(12) Pause Young (Normal) (G1 Evacuation Pause) 412M->120M(1024M) 12.345ms" */
  private static final Pattern HEAP = Pattern.compile("(\\d+)M->(\\d+)M\\((\\d+)M\\)");
  @TempDir Path dir;

  @Test
  void aMillionRowManifestIsPlannedUnderAOneGigabyteDriver() throws Exception {
    Path manifest = dir.resolve("million.parquet");
    TestSpark.session().range(ROWS)
        .select(format_string("r%07d", col("id")).as("id"),
            lit(JobHarness.imageBytes(8, 6, "png")).as("content"))
        .write().parquet(manifest.toString());
    Path gcLog = dir.resolve("driver-gc.log");

    SubmitResult r = LocalSubmit.run("io.upscaler.job.Main", E2eFiles.appJar(), List.of(),
        Map.of("spark.driver.memory", "1g", "spark.driver.extraJavaOptions", "-Xlog:gc:file=" + gcLog),
        Duration.ofMinutes(3), List.of("--input", manifest.toString(), "--output",
            dir.resolve("out").toString(), "--model", "esrgan-slim-x2", "--scale", "2", "--dry-run"));

    r.assertSuccess();
    assertTrue(r.stdout().contains("rows 1000000: 1000000 to process, 0 skipped"), r.stdout());
    assertTrue(r.stdout().contains("input 48.00 MP -> output 192.00 MP"), r.stdout());
    assertFalse(Files.exists(dir.resolve("out")), "a dry run writes nothing");
    System.out.printf("DryRunAtScaleIT: %d rows, driver %.1f s, heap at most %d MB used before a"
        + " collection and %d MB left after one, of %d MB%n", ROWS, r.elapsed().toMillis() / 1e3,
        largestMb(gcLog, 1), largestMb(gcLog, 2), largestMb(gcLog, 3));
  }

  /**
   * The largest number in group {@code group} of the GC log's heap figures "before->after(size)",
   * in MB: 1 is the fullest the heap was before a collection, 2 the most that survived one (the
   * live data), 3 the largest heap size.
   */
  private static long largestMb(Path gcLog, int group) throws Exception {
    long largest = 0;
    for (String line : Files.readAllLines(gcLog)) {
      Matcher m = HEAP.matcher(line);
      if (m.find()) {
        largest = Math.max(largest, Long.parseLong(m.group(group)));
      }
    }
    return largest;
  }
}
