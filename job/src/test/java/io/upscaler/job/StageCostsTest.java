package io.upscaler.job;

import static io.upscaler.job.JobHarness.run;
import static io.upscaler.job.JobHarness.statsRow;
import static io.upscaler.job.JobHarness.writeImage;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The statistics say what each stage cost in CPU, and the encoder settings reach the encoder. */
class StageCostsTest {
  @TempDir Path dir;

  @Test
  void okRowsCarryEachStagesCpuTimeNeverAboveItsWallTime() throws Exception {
    writeImage(dir.resolve("in/a.png"), 24, 16, "png");
    Path out = dir.resolve("out");
    assertEquals(0, run("--input", dir.resolve("in").toString(), "--output", out.toString())
        .exitCode());
    Row r = statsRow(out, "a");
    for (String stage : new String[] {"decode", "infer", "resize", "encode", "write"}) {
      double cpu = r.getDouble(r.fieldIndex(stage + "_cpu_ms"));
      long wall = r.getLong(r.fieldIndex(stage + "_ms"));
      int floored = 1; // wall columns are whole milliseconds, rounded down
      if (stage.equals("infer")) {
        // infer_ms is the model call alone; tile fill and stitching are counted in resize_ms.
        wall += r.getLong(r.fieldIndex("resize_ms"));
        floored = 2;
      }
      assertTrue(cpu > 0, stage + " used some CPU");
      // One thread's CPU time can't exceed the wall time it ran for.
      assertTrue(cpu <= wall + floored, stage + ": " + cpu + " ms CPU in " + wall + " ms");
    }
  }

  @Test
  void pngCompressionZeroStoresThePixelsUncompressed() throws Exception {
    writeImage(dir.resolve("in/a.png"), 24, 16, "png");
    Path out = dir.resolve("out");
    assertEquals(0, run("--input", dir.resolve("in").toString(), "--output", out.toString(),
        "--png-compression", "0").exitCode());
    Row r = statsRow(out, "a");
    int w = r.getInt(r.fieldIndex("output_width"));
    int h = r.getInt(r.fieldIndex("output_height"));
    long rawBytes = (long) h * (1 + w * 3L); // a filter byte and the RGB samples of every row
    long size = Files.size(out.resolve("images/a.png"));
    assertTrue(size > rawBytes && size < rawBytes + 300, size + " bytes for " + rawBytes + " raw");
  }
}
