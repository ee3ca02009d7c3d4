package io.upscaler.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.upscaler.job.testing.E2eExtension;
import io.upscaler.job.testing.E2eFiles;
import io.upscaler.job.testing.FaultyFileSystem;
import io.upscaler.job.testing.SparkEventLog;
import io.upscaler.job.testing.SparkEventLog.TaskEnd;
import io.upscaler.job.testing.SparkEventLog.TaskStart;
import io.upscaler.job.testing.StandaloneCluster;
import io.upscaler.job.testing.SubmitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The statistics commit under speculation on the standalone cluster (two executors on two loopback
 * hosts): one write task of the commit is a straggler (its Parquet file takes 20 s to close, through
 * {@link FaultyFileSystem} over the real local disk), Spark copies it to the other executor, the copy
 * commits, and the table still has exactly one row per input, with the totals counted once.
 */
@ExtendWith(E2eExtension.class)
class StatsCommitOnClusterIT {
  private static final String MAIN = "io.upscaler.job.Main";
  private static final int IMAGES = 8;
  @TempDir Path dir;

  @Test
  void aSpeculativeCopyOfASlowWriteTaskLeavesExactlyOneRowPerInput(StandaloneCluster cluster) throws Exception {
    Path in = dir.resolve("in");
    for (int i = 0; i < IMAGES; i++) {
      JobHarness.writeImage(in.resolve("img" + i + ".png"), 8 + i, 6, "png");
    }
    Path out = dir.resolve("out");
    Path marks = dir.resolve("marks");
    Map<String, String> conf = new HashMap<>(FaultyFileSystem.sparkConf(marks, false, false));
    conf.put("spark.hadoop.faulty.slow-first-stats-file-ms", "20000");
    // Four write tasks (no coalescing of the rebalanced rows), so three finish and the slow one is copied.
    conf.put("spark.sql.adaptive.coalescePartitions.enabled", "false");
    conf.put("spark.sql.shuffle.partitions", "4");
    conf.putAll(Map.of("spark.speculation", "true", "spark.speculation.interval", "100ms",
        "spark.speculation.quantile", "0.5", "spark.speculation.multiplier", "2",
        "spark.speculation.efficiency.enabled", "false"));

    SubmitResult run = cluster.submit(MAIN, E2eFiles.appJar(), List.of(E2eFiles.smokeJar()), conf,
        StandaloneCluster.DEFAULT_SUBMIT_TIMEOUT, List.of("--input", in.toString(), "--output",
            FaultyFileSystem.uri(out), "--model", "esrgan-slim-x2", "--scale", "2", "--partitions", "2"));

    assertEquals(0, run.exitCode(), run::diagnostics);
    assertTrue(Files.exists(marks.resolve("slowed")), "one write task was slowed");
    SparkEventLog events = cluster.eventLog(run);
    // The commit's write stage: the last stage of the write job (after the upscale stage) that wrote rows.
    int writeStage = events.taskEnds(t -> t.stageName().startsWith("parquet at StatsCommit") && t.succeeded()
        && t.recordsWritten() > 0).stream().mapToInt(TaskEnd::stageId).max().orElseThrow();
    List<TaskStart> copies = events.taskStarts(TaskStart::speculative);
    // The upscale stage may be speculated too (its tasks' times vary); the write stage must be.
    assertFalse(copies.stream().noneMatch(c -> c.stageId() == writeStage),
        "no speculative copy of a write task: " + copies + " " + events.taskEnds());
    for (TaskStart copy : copies) {
      List<TaskStart> attempts = events.taskStarts(t -> t.stageId() == copy.stageId()
          && t.stageAttempt() == copy.stageAttempt() && t.partition() == copy.partition());
      assertEquals(2, attempts.size(), "the original and its one copy: " + attempts);
      assertNotEquals(attempts.get(0).host(), attempts.get(1).host(), "copied to another host: " + attempts);
      List<TaskEnd> won = events.taskEnds(t -> t.stageId() == copy.stageId()
          && t.stageAttempt() == copy.stageAttempt() && t.partition() == copy.partition() && t.succeeded());
      assertEquals(1, won.size(), "one attempt of partition " + copy.partition() + " won: " + events.taskEnds());
    }

    List<Row> rows = JobHarness.spark().read().parquet(out.resolve("stats").toString()).collectAsList();
    assertEquals(IMAGES, rows.size());
    assertEquals(IMAGES, rows.stream().map(r -> r.getString(r.fieldIndex("id"))).distinct().count());
    Path runFolder;
    try (Stream<Path> s = Files.list(out.resolve("stats"))) {
      runFolder = s.filter(p -> p.getFileName().toString().startsWith("run_id=")).findFirst().orElseThrow();
    }
    List<String> files;
    try (Stream<Path> s = Files.list(runFolder)) {
      files = s.map(p -> p.getFileName().toString()).sorted().toList();
    }
    assertTrue(files.stream().allMatch(n -> n.startsWith("part-") && n.endsWith(".parquet")),
        "only data files: " + files);
    assertEquals(4, files.size(), "one file per write task, the copied one once: " + files);
    JsonNode summary = new ObjectMapper().readTree(out.resolve("runs")
        .resolve(runFolder.getFileName().toString().substring("run_id=".length())).resolve("summary.json").toFile());
    assertEquals(IMAGES, summary.get("rows").asInt(), summary::toString);
    assertEquals(IMAGES, summary.get("ok").asInt(), summary::toString);
    System.out.printf("[stats-commit] speculation: run took %d ms; copies %s; write tasks %s%n",
        run.elapsed().toMillis(), copies, events.taskEnds(t -> t.stageId() == writeStage));
  }
}
