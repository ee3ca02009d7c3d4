package io.upscaler.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.upscaler.job.testing.E2eExtension;
import io.upscaler.job.testing.E2eFiles;
import io.upscaler.job.testing.ExecutorProcess;
import io.upscaler.job.testing.S3Server;
import io.upscaler.job.testing.SparkEventLog;
import io.upscaler.job.testing.SparkEventLog.TaskEnd;
import io.upscaler.job.testing.SparkEventLog.TaskStart;
import io.upscaler.job.testing.StandaloneCluster;
import io.upscaler.job.testing.SubmitResult;
import io.upscaler.models.Hashes;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import javax.imageio.ImageIO;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Executor faults on the standalone cluster (two workers on two loopback hosts, one 1-core executor
 * JVM each), with the catalogue and outputs on the S3 server: an executor JVM killed by SIGKILL
 * while it upscales, and speculative copies of a slow task. Spark's own event log proves the fault
 * happened; the statistics, outputs and executor logs prove nothing was lost, duplicated or built
 * twice. Each test prints one {@code [executor-faults]} line with its numbers.
 */
@ExtendWith(E2eExtension.class)
class LosingExecutorsIT {
  private static final String MAIN = "io.upscaler.job.Main";
  private static final Duration RUN_TIMEOUT = StandaloneCluster.DEFAULT_SUBMIT_TIMEOUT.plusMinutes(1);
  @TempDir Path dir;

  @Test
  void aKilledExecutorsTaskIsRedoneAndEveryInputEndsWithOneCompleteRow(S3Server s3, StandaloneCluster cluster)
      throws Exception {
    Catalogue catalogue = Catalogue.write(s3, "lost-executor", Catalogue.smallImages(28), 4);

    CompletableFuture<SubmitResult> running = CompletableFuture.supplyAsync(() -> cluster.submit(
        MAIN, E2eFiles.appJar(), Catalogue.conf(s3, cluster.taskLogging()), catalogue.args()));
    // The executor that first builds its session is upscaling the first rows of a task of seven;
    // once that task has uploaded (and journaled) its first output, it is killed mid-task.
    ExecutorProcess victim = awaitSessionBuilt(cluster, running);
    long task = victim.runningTask().orElseThrow(() -> new AssertionError("no task in " + victim.log()));
    catalogue.awaitJournalOf(s3, task, running);
    victim.kill();
    SubmitResult run = running.get(RUN_TIMEOUT.toSeconds(), TimeUnit.SECONDS);

    assertEquals(0, run.exitCode(), run::diagnostics);
    SparkEventLog events = cluster.eventLog(run);
    List<TaskEnd> lost = events.taskEnds(t -> t.reason().equals("ExecutorLostFailure"));
    assertEquals(1, lost.size(), "the one task the 1-core executor was running: " + events.taskEnds());
    assertEquals(victim.executorId(), lost.get(0).executorId());
    assertEquals(task, lost.get(0).taskId(), "the task that had uploaded an output");
    // By id: since the statistics are rebalanced before their write, the upscaling stage and the
    // write's result stage have the same name.
    int upscaling = lost.get(0).stageId();
    catalogue.assertOneCompleteRowPerInput(s3, dir);
    catalogue.assertJournalNamesOnlyCommittedOutputs(s3, dir);
    Dataset<Row> stats = catalogue.stats(s3, dir);
    ClusterRuns.assertOneSessionPerModelExecutor(catalogue.summary(s3), stats, cluster, run);
    assertEquals(1, ClusterRuns.sessionsLogged(victim.stderr()), "the killed executor built one session");
    long deadOutputs = catalogue.outputsOfFailedAttempts(s3, events, upscaling);
    assertTrue(deadOutputs >= 1, "the killed task had uploaded an output before it died");
    System.out.printf("[executor-faults] killed executor %s (pid %d) in %s; run took %d ms; %d tasks"
            + " retried, their %d statistics rows written again; %d outputs uploaded by attempts that"
            + " died; executors %s%n", victim.executorId(), victim.pid(), lost.get(0).stageName(),
        run.elapsed().toMillis(), retriedPartitions(events, upscaling).size(),
        rewrittenRows(events, upscaling), deadOutputs, events.addedExecutors());
  }

  @Test
  void aStragglersSpeculativeCopyLeavesOneCompleteRowPerInput(S3Server s3, StandaloneCluster cluster)
      throws Exception {
    // Five small images and, last, one of 84 times their pixels: rows of unknown size weigh the
    // same, so the dealer gives each image its own task (and "gone" joins the first), and the large
    // image's task, launched last, is the straggler. Once half the tasks are done, a task running
    // over twice their median time is copied to a free core on another host: the other
    // executor's, once it has run the small tasks.
    List<int[]> sizes = new ArrayList<>(Catalogue.smallImages(5));
    sizes.add(new int[] {1024, 768});
    Catalogue catalogue = Catalogue.write(s3, "speculation", sizes, 6);
    Map<String, String> speculation = Map.of("spark.speculation", "true",
        "spark.speculation.interval", "100ms", "spark.speculation.quantile", "0.5",
        "spark.speculation.multiplier", "2", "spark.speculation.efficiency.enabled", "false");

    SubmitResult run = cluster.submit(MAIN, E2eFiles.appJar(), Catalogue.conf(s3, speculation), catalogue.args());

    assertEquals(0, run.exitCode(), run::diagnostics);
    SparkEventLog events = cluster.eventLog(run);
    // The upscaling stage is the one of --partitions tasks; its straggler is the task that
    // journaled the large image (journal files are named after their partition).
    int straggler = catalogue.journalPartitionOf(s3, "item-5");
    List<TaskStart> copies = events.taskStarts(t -> t.speculative() && t.partition() == straggler
        && partitions(events, t.stageId()) == catalogue.partitions());
    assertEquals(1, copies.size(), "the scheduler launched one copy of the straggler, partition "
        + straggler + ": " + events.taskStarts(TaskStart::speculative) + events.taskEnds());
    TaskStart copy = copies.get(0);
    List<TaskStart> attempts = events.taskStarts(t -> samePartition(t, copy));
    assertEquals(2, attempts.size(), "the original and its one copy: " + attempts);
    assertNotEquals(attempts.get(0).host(), attempts.get(1).host(), "copied to another host: " + attempts);
    // The upscaling stage writes shuffle output that the statistics write reads once per partition:
    // a loser that finished before its kill arrived would end "Success" too, so not exactly one.
    assertTrue(events.taskEnds(t -> t.stageId() == copy.stageId() && t.stageAttempt() == copy.stageAttempt()
        && t.partition() == copy.partition() && t.succeeded()).size() >= 1, "an attempt of the straggler"
        + " succeeded: " + events.taskEnds());
    catalogue.assertOneCompleteRowPerInput(s3, dir);
    catalogue.assertJournalNamesOnlyCommittedOutputs(s3, dir);
    ClusterRuns.assertOneSessionPerModelExecutor(catalogue.summary(s3), catalogue.stats(s3, dir), cluster, run);
    System.out.printf("[executor-faults] speculation: run took %d ms; %s; %d speculative attempts in"
        + " the run; %d outputs journaled by attempts that lost; executors %s%n", run.elapsed().toMillis(),
        describe(events, copy), events.taskStarts(TaskStart::speculative).size(),
        catalogue.outputsOfFailedAttempts(s3, events, copy.stageId()), events.addedExecutors());
  }

  /** How many partitions stage {@code stageId} computed. */
  private static long partitions(SparkEventLog events, int stageId) {
    return events.taskStarts(t -> t.stageId() == stageId).stream().mapToInt(TaskStart::partition).distinct().count();
  }

  private static boolean samePartition(TaskStart t, TaskStart other) {
    return t.stageId() == other.stageId() && t.stageAttempt() == other.stageAttempt()
        && t.partition() == other.partition();
  }

  /** Where a speculative copy ran and how it and its original ended, for the closing numbers. */
  private static String describe(SparkEventLog events, TaskStart copy) {
    List<String> ends = events.taskStarts(t -> samePartition(t, copy)).stream()
        .map(t -> (t.speculative() ? "copy" : "original") + " TID " + t.taskId() + " on executor "
            + t.executorId() + " " + events.taskEnds(e -> e.taskId() == t.taskId()).stream()
            .map(e -> e.reason() + " after " + e.durationMillis() + " ms").findFirst().orElse("(no end event)"))
        .toList();
    return "partition " + copy.partition() + " of " + copy.stageName() + ": " + ends;
  }

  /** Polls every executor's log until one has built a model session; fails if the run ends first. */
  private static ExecutorProcess awaitSessionBuilt(StandaloneCluster cluster,
      CompletableFuture<SubmitResult> running) throws Exception {
    long deadline = System.nanoTime() + StandaloneCluster.DEFAULT_SUBMIT_TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      if (running.isDone()) {
        throw new AssertionError("the run ended before any executor built a session: "
            + running.get().diagnostics());
      }
      Optional<ExecutorProcess> working = cluster.executors().stream()
          .filter(e -> ClusterRuns.SESSION_BUILT.matcher(e.log()).find()).findFirst();
      if (working.isPresent()) {
        return working.get();
      }
      Thread.sleep(50);
    }
    throw new AssertionError("no executor built a session in time" + cluster.diagnostics());
  }

  /** Partitions of stage {@code stage} (its id) that had more than one attempt. */
  private static Set<Integer> retriedPartitions(SparkEventLog events, int stage) {
    Map<Integer, Long> attempts = events.taskEnds(t -> t.stageId() == stage).stream()
        .collect(Collectors.groupingBy(TaskEnd::partition, TreeMap::new, Collectors.counting()));
    return attempts.entrySet().stream().filter(e -> e.getValue() > 1).map(Map.Entry::getKey)
        .collect(Collectors.toCollection(TreeSet::new));
  }

  /** Rows that the successful attempts of {@code stage}'s retried partitions wrote again. */
  private static long rewrittenRows(SparkEventLog events, int stage) {
    Set<Integer> retried = retriedPartitions(events, stage);
    return events.taskEnds(t -> t.stageId() == stage && t.succeeded() && retried.contains(t.partition()))
        .stream().mapToLong(TaskEnd::recordsWritten).sum();
  }

  /**
   * A catalogue in its own bucket: PNG and JPEG images of the given sizes as {@code item-<i>}, and
   * one row whose object is missing ({@code gone}), upscaled x2 with the bundled esrgan-slim-x2
   * into {@code partitions} partitions, journaling every output at once.
   */
  private record Catalogue(String bucket, Map<String, int[]> sizes, int partitions) {
    /** {@code n} sizes of a few widths around 112 x 84. */
    static List<int[]> smallImages(int n) {
      List<int[]> sizes = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        sizes.add(new int[] {112 + 8 * (i % 3), 84});
      }
      return sizes;
    }

    static Catalogue write(S3Server s3, String bucket, List<int[]> images, int partitions) throws Exception {
      s3.createBucket(bucket);
      Map<String, int[]> sizes = new TreeMap<>();
      StringBuilder manifest = new StringBuilder("id,uri\n");
      for (int i = 0; i < images.size(); i++) {
        String format = i % 2 == 0 ? "png" : "jpg";
        int[] size = images.get(i);
        String uri = "s3a://" + bucket + "/photos/p" + i + "." + format;
        s3.put(uri, JobHarness.imageBytes(size[0], size[1], format));
        sizes.put("item-" + i, size);
        manifest.append("item-").append(i).append(',').append(uri).append('\n');
      }
      manifest.append("gone,s3a://").append(bucket).append("/photos/missing.png\n");
      s3.putString("s3a://" + bucket + "/manifest.csv", manifest.toString());
      return new Catalogue(bucket, sizes, partitions);
    }

    String[] args() {
      return new String[] {"--input", "s3a://" + bucket + "/manifest.csv", "--output", output(),
          "--model", "esrgan-slim-x2", "--scale", "2", "--partitions", String.valueOf(partitions), "--journal-every", "1",
          "--max-failure-ratio", "0.5"};
    }

    /** The S3 settings, tasks placed at once wherever a core is free, then {@code extra}. */
    static Map<String, String> conf(S3Server s3, Map<String, String> extra) {
      Map<String, String> conf = new HashMap<>(s3.sparkConf());
      conf.put("spark.locality.wait", "0s");
      conf.putAll(extra);
      return conf;
    }

    String output() {
      return "s3a://" + bucket + "/out";
    }

    JsonNode summary(S3Server s3) throws Exception {
      return ClusterRuns.summary(s3, output() + "/runs/");
    }

    Dataset<Row> stats(S3Server s3, Path scratch) throws Exception {
      return ClusterRuns.stats(s3, output() + "/stats/", scratch);
    }

    /**
     * Waits until task attempt {@code task} has journaled an output: a complete journal object
     * {@code -t<task>-} listed through the S3 API with at least one line. (A file seen in the
     * server's own folder may still be receiving its upload, which the kill would then cut.)
     * Fails if the run ends first.
     */
    void awaitJournalOf(S3Server s3, long task, CompletableFuture<SubmitResult> running) throws Exception {
      String marker = "-t" + task + "-";
      long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
      while (System.nanoTime() < deadline && !running.isDone()) {
        if (journaledLines(s3, Set.of(marker)) > 0) {
          return;
        }
        Thread.sleep(100);
      }
      throw new AssertionError("task " + task + " journaled no output"
          + (running.isDone() ? " before the run ended: " + running.get().diagnostics() : " in time"));
    }

    /** Lines of the complete journal objects whose names hold one of {@code markers}. */
    private long journaledLines(S3Server s3, Set<String> markers) {
      try {
        return s3.list(output() + "/runs/").stream()
            .filter(uri -> uri.contains("/journal/") && markers.stream().anyMatch(uri::contains))
            .mapToLong(uri -> s3.getString(uri).lines().count()).sum();
      } catch (RuntimeException e) {
        return 0; // nothing under runs/ yet, or an object replaced while listed: look again
      }
    }

    /**
     * Outputs that attempts of stage {@code stage} (its id) which did not succeed had uploaded, by the journal (one
     * file per output with --journal-every 1, named after the task attempt id).
     */
    long outputsOfFailedAttempts(S3Server s3, SparkEventLog events, int stage) {
      Set<String> failed = events.taskEnds(t -> t.stageId() == stage && !t.succeeded()).stream()
          .map(t -> "-t" + t.taskId() + "-").collect(Collectors.toSet());
      return journaledLines(s3, failed);
    }

    /**
     * Exactly one statistics row per manifest row; every OK row's output decodes, has the row's
     * dimensions (twice the input's) and the row's sha256; no other object under images/.
     */
    void assertOneCompleteRowPerInput(S3Server s3, Path scratch) throws Exception {
      List<Row> rows = stats(s3, scratch).collectAsList();
      Map<String, Long> perId = rows.stream()
          .collect(Collectors.groupingBy(r -> r.<String>getAs("id"), TreeMap::new, Collectors.counting()));
      Set<String> expected = new TreeSet<>(sizes.keySet());
      expected.add("gone");
      assertEquals(expected, perId.keySet(), "every manifest row has statistics");
      assertEquals(rows.size(), expected.size(), "one statistics row per manifest row: " + perId);
      List<String> outputs = new ArrayList<>();
      for (Row row : rows) {
        String id = row.getAs("id");
        if (id.equals("gone")) {
          assertEquals("NOT_FOUND", row.getAs("error_class"));
          continue;
        }
        assertEquals("OK", row.getAs("status"), () -> "row " + id + ": " + row);
        outputs.add(row.getAs("output_uri"));
        assertComplete(s3, row, sizes.get(id));
      }
      assertEquals(new TreeSet<>(outputs), new TreeSet<>(s3.list(output() + "/images/")),
          "exactly the outputs of the statistics rows");
    }

    /** The partition whose task journaled the output of row {@code id} (fails if none did). */
    int journalPartitionOf(S3Server s3, String id) {
      Pattern file = Pattern.compile("/journal/part-(\\d+)-t\\d+-\\d+\\.jsonl$");
      for (String uri : s3.list(output() + "/runs/")) {
        Matcher m = file.matcher(uri);
        if (m.find() && s3.getString(uri).contains("\"id\":\"" + id + "\"")) {
          return Integer.parseInt(m.group(1));
        }
      }
      throw new AssertionError("no journal names " + id + " under " + output() + "/runs/");
    }

    /**
     * Every output that any task attempt journaled, those of attempts that were killed or lost
     * included, is the committed row's output of that id and is there: a rerun that trusts the
     * journal skips those rows, so a journaled upload that never completed would be lost.
     */
    void assertJournalNamesOnlyCommittedOutputs(S3Server s3, Path scratch) throws Exception {
      Map<String, String> committed = new HashMap<>();
      for (Row row : stats(s3, scratch).where("status = 'OK'").collectAsList()) {
        committed.put(row.getAs("id"), row.getAs("output_uri"));
      }
      ObjectMapper json = new ObjectMapper();
      for (String file : s3.list(output() + "/runs/")) {
        if (!file.contains("/journal/")) {
          continue;
        }
        for (String line : s3.getString(file).lines().toList()) {
          JsonNode entry = json.readTree(line);
          String output = entry.get("output_uri").asText();
          assertEquals(committed.get(entry.get("id").asText()), output, file + ": " + line);
          assertTrue(s3.exists(output), file + " names " + output + ", which is not there");
        }
      }
    }

    private static void assertComplete(S3Server s3, Row row, int[] inputSize) {
      String uri = row.getAs("output_uri");
      byte[] bytes = s3.get(uri);
      assertEquals(row.<String>getAs("output_sha256"), Hashes.sha256(bytes), uri + " is the row's output");
      BufferedImage image;
      try {
        image = ImageIO.read(new ByteArrayInputStream(bytes));
      } catch (java.io.IOException e) {
        throw new AssertionError(uri + " does not decode", e);
      }
      assertNotNull(image, uri);
      assertEquals(2 * inputSize[0], image.getWidth(), uri);
      assertEquals(2 * inputSize[1], image.getHeight(), uri);
      assertEquals(row.<Integer>getAs("output_width"), image.getWidth(), uri);
      assertEquals(row.<Integer>getAs("output_height"), image.getHeight(), uri);
    }
  }
}
