package io.upscaler.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.upscaler.job.testing.E2eExtension;
import io.upscaler.job.testing.E2eFiles;
import io.upscaler.job.testing.LocalSubmit;
import io.upscaler.job.testing.S3Requests;
import io.upscaler.job.testing.S3Server;
import io.upscaler.job.testing.S3Traffic;
import io.upscaler.job.testing.StandaloneCluster;
import io.upscaler.job.testing.SubmitResult;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Security on the object store, end to end with the packaged jar: an object the credentials may
 * not read (the proxy answers 403 AccessDenied for it) is one {@code ACCESS_DENIED} row and the run
 * goes on; the secret key is in no log of the driver or the executors (logged at INFO, S3A and the
 * job at DEBUG, with the Spark configuration logged), nor in the event log, nor in any object the
 * run wrote (statistics, summary, report, journal, images); and with no keys in the settings the
 * job reads and writes {@code s3a://} with credentials from the default provider chain (the
 * environment variables).
 */
@ExtendWith(E2eExtension.class)
class ObjectStoreSecurityIT {
  private static final String MAIN = "io.upscaler.job.Main";
  private static final int IMAGES = 3;
  @TempDir Path dir;

  @Test
  void anUnreadableObjectIsOneAccessDeniedRowAndTheSecretKeyIsNowhere(S3Server s3, StandaloneCluster cluster)
      throws Exception {
    String bucket = "secure";
    s3.createBucket(bucket);
    putImages(s3, bucket);
    s3.put("s3a://" + bucket + "/in/private/denied.png", JobHarness.imageBytes(8, 6, "png"));
    Map<String, String> conf;
    SubmitResult r;
    S3Requests denied;
    try (S3Traffic traffic = S3Traffic.start(s3)) {
      traffic.deny("s3a://" + bucket + "/in/private/");
      conf = new HashMap<>(traffic.sparkConf());
      String logging = "-Dlog4j2.configurationFile=" + verboseLogging().toUri();
      conf.put("spark.driver.extraJavaOptions", logging);
      conf.put("spark.executor.extraJavaOptions", logging);
      conf.put("spark.logConf", "true");
      r = cluster.submit(MAIN, E2eFiles.appJar(), conf, "--input", "s3a://" + bucket + "/in",
          "--output", "s3a://" + bucket + "/out", "--model", "esrgan-slim-x2", "--scale", "2",
          "--partitions", "2", "--max-failure-ratio", "0.5");
      denied = traffic.requests().under("s3a://" + bucket + "/in/private/");
    }

    assertEquals(0, r.exitCode(), r::diagnostics);
    Dataset<Row> stats = ClusterRuns.stats(s3, "s3a://" + bucket + "/out/stats/", dir);
    assertEquals(IMAGES + 1, stats.count());
    assertEquals(IMAGES, stats.where("status = 'OK'").count());
    List<Row> deniedRows = stats.where("error_class = 'ACCESS_DENIED'").collectAsList();
    assertEquals(1, deniedRows.size(), "one ACCESS_DENIED row");
    assertEquals("private/denied", deniedRows.get(0).getAs("id"));
    String message = deniedRows.get(0).getAs("error_message");
    assertTrue(message.contains("s3a://" + bucket + "/in/private/denied.png") && message.contains("403"), message);
    System.out.println("requests for the denied object: " + denied.summary() + "\n" + denied.lines());
    assertEquals(1, denied.total(), "one request for it (its GET), not retried\n" + denied.lines());
    assertEquals(403, denied.requests().get(0).status());

    Map<String, String> searched = new LinkedHashMap<>();
    searched.put("driver stdout", r.stdout());
    searched.put("driver stderr", r.stderr());
    Map<String, Path> executorLogs = cluster.executorLogs(StandaloneCluster.appId(r));
    assertEquals(2, executorLogs.size(), "two executors' logs: " + executorLogs);
    for (Map.Entry<String, Path> e : executorLogs.entrySet()) {
      searched.put("executor " + e.getKey() + " stderr", Files.readString(e.getValue()));
      Path stdout = e.getValue().resolveSibling("stdout");
      searched.put("executor " + e.getKey() + " stdout", Files.exists(stdout) ? Files.readString(stdout) : "");
    }
    searched.put("event log", Files.readString(cluster.eventLogFile(r)));
    List<String> outputs = s3.list("s3a://" + bucket + "/out/");
    for (String uri : outputs) {
      searched.put(uri, new String(s3.get(uri), StandardCharsets.ISO_8859_1));
    }
    searched.put("statistics rows", stats.collectAsList().toString());
    assertTrue(outputs.stream().anyMatch(u -> u.contains("/journal/")), "the journal was searched: " + outputs);
    assertTrue(outputs.stream().anyMatch(u -> u.endsWith("/report.html")), "the report was searched");
    assertTrue(outputs.stream().anyMatch(u -> u.endsWith("/summary.json")), "the summary was searched");
    // The logs really hold the configuration and the S3A traffic, so the search below can fail.
    assertTrue(r.stderr().contains("spark.hadoop.fs.s3a.secret.key"), "the driver logged its configuration");
    // S3A's audit line of the one request (a GET: reads are openFile() with a declared length, no HEAD).
    assertTrue(searched.entrySet().stream().anyMatch(e -> e.getKey().endsWith("stderr")
        && e.getValue().contains("action_http_get_request 'in/private/denied.png'")),
        "S3A's request-level log of the refused read");
    long bytes = searched.values().stream().mapToLong(String::length).sum();
    System.out.println("searched " + searched.size() + " logs and objects, " + bytes + " characters");

    List<String> leaks = new ArrayList<>();
    searched.forEach((where, text) -> {
      if (text.contains(S3Server.SECRET_KEY)) {
        leaks.add(where);
      }
    });
    assertEquals(List.of(), leaks, "the secret key appears in");
  }

  @Test
  void s3aWorksWithCredentialsFromTheDefaultProviderChain(S3Server s3) throws Exception {
    String bucket = "env-credentials";
    s3.createBucket(bucket);
    putImages(s3, bucket);
    Map<String, String> conf = new HashMap<>(s3.sparkConf());
    conf.remove("spark.hadoop.fs.s3a.access.key");
    conf.remove("spark.hadoop.fs.s3a.secret.key");
    conf.remove("spark.hadoop.fs.s3a.aws.credentials.provider");
    assertFalse(conf.keySet().stream().anyMatch(k -> k.contains("key") || k.contains("credentials")), conf::toString);
    Map<String, String> env = Map.of("AWS_ACCESS_KEY_ID", S3Server.ACCESS_KEY,
        "AWS_SECRET_ACCESS_KEY", S3Server.SECRET_KEY);

    SubmitResult r = LocalSubmit.run(MAIN, E2eFiles.appJar(), env, conf, List.of("--input",
        "s3a://" + bucket + "/in", "--output", "s3a://" + bucket + "/out", "--model", "esrgan-slim-x2",
        "--scale", "2"));

    assertEquals(0, r.exitCode(), r::diagnostics);
    assertTrue(r.stderr().contains("S3A committer magic"), r::diagnostics);
    Dataset<Row> stats = ClusterRuns.stats(s3, "s3a://" + bucket + "/out/stats/", dir);
    assertEquals(IMAGES, stats.count());
    assertEquals(IMAGES, stats.where("status = 'OK'").count());
    JsonNode summary = ClusterRuns.summary(s3, "s3a://" + bucket + "/out/runs/");
    assertEquals(IMAGES, summary.get("ok").asInt(), summary::toString);
    for (int i = 0; i < IMAGES; i++) {
      assertTrue(s3.exists("s3a://" + bucket + "/out/images/p" + i + ".png"), "output " + i);
    }
  }

  private static void putImages(S3Server s3, String bucket) throws Exception {
    for (int i = 0; i < IMAGES; i++) {
      s3.put("s3a://" + bucket + "/in/p" + i + ".png", JobHarness.imageBytes(8 + i, 6, "png"));
    }
  }

  /** Everything at INFO, the job and S3A at DEBUG, to standard error (as the cluster's own file does). */
  private Path verboseLogging() throws Exception {
    Path file = dir.resolve("log4j2-verbose.properties");
    Files.writeString(file, String.join("\n",
        "rootLogger.level = info",
        "rootLogger.appenderRef.stderr.ref = console",
        "appender.console.type = Console",
        "appender.console.name = console",
        "appender.console.target = SYSTEM_ERR",
        "appender.console.layout.type = PatternLayout",
        "appender.console.layout.pattern = %d{HH:mm:ss.SSS} %-5p %c{1}: %m%n",
        "logger.upscaler.name = io.upscaler",
        "logger.upscaler.level = debug",
        "logger.s3a.name = org.apache.hadoop.fs.s3a",
        "logger.s3a.level = debug",
        ""));
    return file;
  }
}
