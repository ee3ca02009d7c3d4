package io.upscaler.job;

import static io.upscaler.job.JobHarness.writeImage;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.upscaler.job.testing.FaultyFileSystem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The statistics commit under failure, each run in a child JVM writing through {@link
 * FaultyFileSystem} (the real local file system with one injected fault): a run killed between its
 * task commits and its job commit leaves rows on disk that never join the next run's, and a write
 * task that fails once and is retried leaves exactly one row per input.
 */
class StatsCommitTest {
  private static final int IMAGES = 8;
  @TempDir Path dir;

  @Test
  void aKilledRunsCommittedTasksNeverJoinTheNextRunsRows() throws Exception {
    Path in = inputs();
    Path out = dir.resolve("out");
    Path marks = dir.resolve("marks");
    Process child = JobHarness.startChild(dir.resolve("killed.log"), "local[2]",
        FaultyFileSystem.sparkConf(marks, false, true), args(in, FaultyFileSystem.uri(out)));
    try {
      awaitFile(marks.resolve("stalled-1"), child, dir.resolve("killed.log"));
    } finally {
      child.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
    }
    List<Path> leftovers = parquetFiles(out.resolve("stats"));
    assertEquals(IMAGES, JobHarness.spark().read().parquet(strings(leftovers)).count(),
        "the killed run had committed every task, so its rows sit in _temporary: " + leftovers);
    String killedRun = runIdOf(leftovers.get(0), out);

    JobHarness.Run again = JobHarness.run(args(in, out.toString()));

    assertEquals(0, again.exitCode(), again.err());
    List<Row> rows = JobHarness.stats(out).collectAsList();
    assertEquals(IMAGES, rows.size(), "one row per input, none of the killed run's");
    assertEquals(IMAGES, rows.stream().map(r -> r.getString(r.fieldIndex("id"))).distinct().count());
    Set<String> runs = rows.stream().map(r -> String.valueOf(r.get(r.fieldIndex("run_id")))).collect(Collectors.toSet());
    assertEquals(1, runs.size(), runs::toString);
    assertNotEquals(killedRun, runs.iterator().next());
    assertTrue(Files.isDirectory(out.resolve("stats/run_id=" + killedRun + "/_temporary")),
        "the killed run's leftovers stay in its own folder");
  }

  @Test
  void aWriteTaskThatFailsOnceIsRetriedIntoExactlyOneRowPerInput() throws Exception {
    Path in = inputs();
    Path out = dir.resolve("out");
    Path marks = dir.resolve("marks");
    Path log = dir.resolve("retried.log");
    // local[2,2]: two task slots, and each task may fail once (spark.task.maxFailures = 2).
    Process child = JobHarness.startChild(log, "local[2,2]", FaultyFileSystem.sparkConf(marks, true, false),
        args(in, FaultyFileSystem.uri(out)));
    boolean ended = child.waitFor(300, TimeUnit.SECONDS);
    child.destroyForcibly();
    assertTrue(ended, "the run ended within 300 s");
    assertEquals(0, child.exitValue(), () -> Files.exists(log) ? tail(log) : "no log");

    assertEquals(List.of("failed-1"), names(marks), "exactly one injected failure");
    List<Row> rows = JobHarness.stats(out).collectAsList();
    assertEquals(IMAGES, rows.size());
    assertEquals(IMAGES, rows.stream().map(r -> r.getString(r.fieldIndex("id"))).distinct().count());
    assertEquals(IMAGES, rows.stream().filter(r -> r.getString(r.fieldIndex("status")).equals("OK")).count());
    Path runFolder;
    try (Stream<Path> s = Files.list(out.resolve("stats"))) {
      runFolder = s.filter(p -> p.getFileName().toString().startsWith("run_id=")).findFirst().orElseThrow();
    }
    List<String> committed = names(runFolder);
    assertTrue(committed.stream().allMatch(n -> n.startsWith("part-") && n.endsWith(".parquet")),
        "only data files, no _temporary or _SUCCESS: " + committed);
    JsonNode summary = new ObjectMapper().readTree(out.resolve("runs")
        .resolve(runFolder.getFileName().toString().substring("run_id=".length())).resolve("summary.json").toFile());
    assertEquals(IMAGES, summary.get("rows").asInt(), summary::toString);
    assertEquals(IMAGES, summary.get("ok").asInt(), summary::toString);
  }

  private Path inputs() throws Exception {
    Path in = dir.resolve("in");
    for (int i = 0; i < IMAGES; i++) {
      writeImage(in.resolve("img" + i + ".png"), 16, 12, "png");
    }
    return in;
  }

  private static String[] args(Path in, String out) {
    return new String[] {"--input", in.toString(), "--output", out, "--model", JobHarness.MODEL,
        "--scale", "2", "--partitions", "2"};
  }

  private static void awaitFile(Path file, Process child, Path log) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
    while (System.nanoTime() < deadline) {
      if (Files.exists(file)) {
        return;
      }
      if (!child.isAlive()) {
        throw new AssertionError("the job ended (exit " + child.exitValue() + ") before " + file + "\n" + tail(log));
      }
      Thread.sleep(50);
    }
    throw new AssertionError("no " + file + " within 180 s\n" + tail(log));
  }

  private static List<Path> parquetFiles(Path root) throws Exception {
    try (Stream<Path> s = Files.walk(root)) {
      return s.filter(p -> p.getFileName().toString().endsWith(".parquet")).sorted().toList();
    }
  }

  /** The run id of the {@code run_id=} folder holding {@code file}. */
  private static String runIdOf(Path file, Path out) {
    for (Path part : out.resolve("stats").relativize(file)) {
      if (part.toString().startsWith("run_id=")) {
        return part.toString().substring("run_id=".length());
      }
    }
    throw new AssertionError("no run_id= folder above " + file);
  }

  private static String[] strings(List<Path> files) {
    return files.stream().map(Path::toString).toArray(String[]::new);
  }

  private static List<String> names(Path folder) throws Exception {
    try (Stream<Path> s = Files.list(folder)) {
      return s.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  private static String tail(Path log) {
    try {
      List<String> lines = Files.readAllLines(log);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
    } catch (Exception e) {
      return "(no log: " + e + ")";
    }
  }
}
