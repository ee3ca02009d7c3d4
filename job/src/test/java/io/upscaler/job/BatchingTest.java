package io.upscaler.job;

import static io.upscaler.job.JobHarness.run;
import static io.upscaler.job.JobHarness.stats;
import static io.upscaler.job.JobHarness.writeImage;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** --batch batches tiles across a task's images; the outputs are those of --batch 1, byte for byte. */
class BatchingTest {
  @TempDir
  Path dir;

  @Test
  void batchedRunWritesTheSameImagesAsUnbatched() throws Exception {
    for (int i = 0; i < 6; i++) {
      writeImage(dir.resolve("in/same-" + i + ".png"), 16, 12, "png");
    }
    writeImage(dir.resolve("in/wide.jpg"), 40, 12, "jpg");
    writeImage(dir.resolve("in/broken.png"), 16, 12, "png");
    java.nio.file.Files.write(dir.resolve("in/broken.png"), new byte[] {(byte) 0x89, 'P', 'N', 'G'});

    Map<String, String> one = outputs("one", "1");
    Map<String, String> four = outputs("four", "4");

    assertEquals(8, one.size());
    assertEquals(one, four);
    assertEquals("FAILED", four.get("broken"));
  }

  /** id -> output sha256 (or status when there is none) of a run with {@code --batch batch}. */
  private Map<String, String> outputs(String name, String batch) {
    Path out = dir.resolve(name);
    assertEquals(0, run("--input", dir.resolve("in").toString(), "--output", out.toString(),
        "--model", "esrgan-slim-x2", "--scale", "2", "--batch", batch, "--partitions", "1",
        "--max-failure-ratio", "0.5").exitCode());
    Map<String, String> byId = new TreeMap<>();
    for (Row r : stats(out).collectAsList()) {
      String sha = r.getAs("output_sha256");
      byId.put(r.getAs("id"), sha != null ? sha : (String) r.getAs("status"));
    }
    return byId;
  }
}
