package io.upscaler.job;

import static io.upscaler.job.JobHarness.writeImage;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Partitions carry similar estimated work, not similar row counts, from the manifest's size hints
 * (the dealing itself is tested exactly in PartitionDealerTest).
 */
class BalancingTest {
  @TempDir Path dir;

  @Test
  void aFewLargeImagesAmongManySmallOnesAreSpreadByTheirHintedSizes() throws Exception {
    StringBuilder csv = new StringBuilder("id,uri,input_width,input_height\n");
    for (int i = 0; i < 5; i++) {
      Path p = writeImage(dir.resolve("in/large" + i + ".png"), 64, 64, "png");
      csv.append("large").append(i).append(',').append(p).append(",64,64\n");
    }
    for (int i = 0; i < 25; i++) {
      Path p = writeImage(dir.resolve("in/small" + i + ".png"), 8, 8, "png");
      csv.append("small").append(i).append(',').append(p).append(",8,8\n");
    }
    Files.writeString(dir.resolve("m.csv"), csv);
    Path out = dir.resolve("out");

    JobResult r = JobHarness.execute("--input", dir.resolve("m.csv").toString(), "--output",
        out.toString(), "--partitions", "3");

    assertEquals(3, r.partitions());
    assertTrue(r.imbalance() > 1.0 && r.imbalance() <= 1.25,
        "heaviest partition " + r.imbalance() + "x the mean");
    assertEquals(30, r.summary().ok());
    assertNull(r.estimate(), "a real run probes nothing before the work");
    List<String> columns = List.of(JobHarness.stats(out).columns());
    assertFalse(columns.contains("manifest_input_width"), "hints are consumed: " + columns);
    assertEquals(64, (int) JobHarness.statsRow(out, "large0").<Integer>getAs("input_width"),
        "the measured width");
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
