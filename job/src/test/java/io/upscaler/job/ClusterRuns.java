package io.upscaler.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.upscaler.job.testing.S3Server;
import io.upscaler.job.testing.StandaloneCluster;
import io.upscaler.job.testing.SubmitResult;
import io.upscaler.job.testing.TestSpark;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;

/**
 * What a run of the packaged job on the test cluster wrote to the S3 test server and logged, read
 * back for assertions in end-to-end tests.
 */
final class ClusterRuns {
  /** What an executor logs each time it builds a model session (SessionFactory). */
  static final Pattern SESSION_BUILT = Pattern.compile("loaded model \\S+ \\(sha256");

  private ClusterRuns() {}

  /** The first {@code summary.json} under {@code runsPrefix} ({@code s3a://bucket/out/runs/}). */
  static JsonNode summary(S3Server s3, String runsPrefix) throws IOException {
    String uri = s3.list(runsPrefix).stream().filter(u -> u.endsWith("/summary.json")).findFirst()
        .orElseThrow(() -> new AssertionError("no summary under " + runsPrefix));
    return new ObjectMapper().readTree(s3.get(uri));
  }

  /**
   * The statistics table under {@code prefix} ({@code s3a://bucket/out/stats/}), copied to a fresh
   * folder in {@code scratch} and read with the shared local session.
   */
  static Dataset<Row> stats(S3Server s3, String prefix, Path scratch) throws IOException {
    Path local = Files.createTempDirectory(scratch, "stats");
    for (String uri : s3.list(prefix)) {
      String rel = uri.substring(prefix.length());
      if (rel.endsWith(".parquet")) {
        Path target = local.resolve(rel);
        Files.createDirectories(target.getParent());
        Files.write(target, s3.get(uri));
      }
    }
    return TestSpark.session().read().parquet(local.toString());
  }

  /**
   * Asserts that every executor JVM that upscaled at least one row (an OK row in {@code stats})
   * built its model session exactly once: by the summary's {@code session_loads}, which counts the
   * rows' {@code session_loaded}, and by the executor's own log. Returns those executors' ids.
   */
  static Set<String> assertOneSessionPerModelExecutor(JsonNode summary, Dataset<Row> stats,
      StandaloneCluster cluster, SubmitResult run) throws IOException {
    Set<String> working = new TreeSet<>(stats.where("status = 'OK'").select("executor_id").distinct()
        .as(Encoders.STRING()).collectAsList());
    Map<String, Path> logs = cluster.executorLogs(StandaloneCluster.appId(run));
    for (String executor : working) {
      JsonNode loads = summary.get("session_loads").get(executor);
      assertEquals(1, loads == null ? 0 : loads.asInt(),
          "sessions executor " + executor + " built according to the statistics: " + summary);
      Path log = logs.get(executor);
      assertNotNull(log, "no log of executor " + executor + " in " + logs);
      assertEquals(1, sessionsLogged(log), "sessions executor " + executor + " logged in " + log);
    }
    return working;
  }

  /** How many model sessions the executor whose log is {@code log} built. */
  static long sessionsLogged(Path log) throws IOException {
    return Files.readString(log).lines().filter(l -> SESSION_BUILT.matcher(l).find()).count();
  }
}
