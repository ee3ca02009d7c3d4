package io.upscaler.job;

import static io.upscaler.job.JobHarness.run;
import static io.upscaler.job.JobHarness.writeImage;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run killed with SIGKILL halfway leaves only complete outputs, and running it again finishes
 * the rest without redoing what the killed run recorded.
 */
class KillAndRestartTest {
  private static final int IMAGES = 16;
  @TempDir Path dir;

  @Test
  void aKilledRunStartedAgainFinishesTheRest() throws Exception {
    for (int i = 0; i < IMAGES; i++) {
      writeImage(dir.resolve("in/img" + i + ".png"), 96, 80, "png");
    }
    Path out = dir.resolve("out");
    String[] args = {"--input", dir.resolve("in").toString(), "--output", out.toString(),
        "--model", "esrgan-medium-x4", "--scale", "4", "--partitions", "2", "--journal-every", "1"};

    Process child = JobHarness.startChild(Files.createTempFile("killed-run", ".log"), "local[2]", Map.of(), args);
    try {
      waitForOutputs(out, 4, child);
    } finally {
      child.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
    }
    List<Path> before = outputs(out);
    assertTrue(before.size() < IMAGES, "killed before the end: " + before.size());
    for (Path p : before) {
      assertNotNull(ImageIO.read(p.toFile()), "complete file " + p);
    }

    JobHarness.Run again = run(args);

    assertEquals(0, again.exitCode(), again.err());
    assertEquals(IMAGES, outputs(out).size());
    List<Row> rows = JobHarness.stats(out).collectAsList();
    assertEquals(IMAGES, rows.size(), "the killed run wrote no statistics; the rerun one per row");
    long skipped = rows.stream().filter(r -> r.getString(r.fieldIndex("status")).equals("SKIPPED")).count();
    long ok = rows.stream().filter(r -> r.getString(r.fieldIndex("status")).equals("OK")).count();
    assertEquals(IMAGES, skipped + ok);
    assertTrue(skipped >= 1 && skipped <= before.size(),
        "outputs journaled by the killed run are skipped: " + skipped + " of " + before.size());
  }

  private static void waitForOutputs(Path out, int count, Process child) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
    while (System.nanoTime() < deadline) {
      if (Files.exists(out.resolve("images")) && outputs(out).size() >= count) {
        return;
      }
      if (!child.isAlive()) {
        throw new AssertionError("the job ended before it could be killed: exit " + child.exitValue());
      }
      Thread.sleep(100);
    }
    throw new AssertionError("no " + count + " outputs within 180 s");
  }

  /** Visible output images (temporary files are hidden, named ".<name>.tmp-..."). */
  private static List<Path> outputs(Path out) throws Exception {
    if (!Files.exists(out.resolve("images"))) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(out.resolve("images"))) {
      return files.filter(p -> !p.getFileName().toString().startsWith(".")).toList();
    }
  }
}
