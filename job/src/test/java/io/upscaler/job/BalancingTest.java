package io.upscaler.job;

import static io.upscaler.job.JobHarness.writeImage;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Partitions carry similar estimated work, not similar row counts. */
class BalancingTest {
  @TempDir Path dir;

  @Test
  void aFewLargeImagesAmongManySmallOnesAreSpreadByCost() throws Exception {
    for (int i = 0; i < 5; i++) {
      writeImage(dir.resolve("in/large" + i + ".png"), 64, 64, "png");
    }
    for (int i = 0; i < 25; i++) {
      writeImage(dir.resolve("in/small" + i + ".png"), 8, 8, "png");
    }
    JobResult r =
        JobHarness.execute("--input", dir.resolve("in").toString(), "--output",
            dir.resolve("out").toString(), "--partitions", "3");
    assertEquals(3, r.partitions());
    assertTrue(r.imbalance() <= 1.25, "heaviest partition " + r.imbalance() + "x the mean");
    assertEquals(30, r.summary().ok());
  }

  @Test
  void theDefaultIsAMultipleOfTheTaskSlotsButNeverMoreThanRows() throws Exception {
    for (int i = 0; i < 9; i++) {
      writeImage(dir.resolve("in2/img" + i + ".png"), 8, 8, "png");
    }
    JobResult r =
        JobHarness.execute("--input", dir.resolve("in2").toString(), "--output",
            dir.resolve("out2").toString(), "--partitions", "0");
    int slots = JobHarness.spark().sparkContext().defaultParallelism();
    assertEquals(Math.min(9, 3 * slots), r.partitions());
  }
}
