package io.upscaler.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.upscaler.job.testing.E2eExtension;
import io.upscaler.job.testing.E2eFiles;
import io.upscaler.job.testing.LocalSubmit;
import io.upscaler.job.testing.S3Requests;
import io.upscaler.job.testing.S3Server;
import io.upscaler.job.testing.S3Traffic;
import io.upscaler.job.testing.SubmitResult;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * What a run costs in S3 requests, counted by a real proxy ({@link S3Traffic}) between the job
 * (the packaged jar, spark-submit in local mode) and the S3 server: manifest (CSV), images,
 * outputs, statistics table and summary all on S3. Runs of N and 2N images separate the cost per
 * image (the slope) from the fixed cost of a run (the intercept); a rerun of the 2N images, all
 * done, shows what skipping costs. The breakdown by kind is printed for BENCHMARKS.md.
 */
@ExtendWith(E2eExtension.class)
class RequestsPerImageIT {
  private static final String MAIN = "io.upscaler.job.Main";
  private static final int N = 40;
  /**
   * The bound on requests per run that do not grow with the images. Measured 58
   * (2026-12-02): the CSV manifest 8 (the driver's header read 2, Spark's path check 2, listing 2,
   * read 2), the journal's listing 3 and files 2, the statistics table's magic commit 43, summary
   * and report 2.
   */
  private static final int MAX_FIXED = 60;
  /** The bound for a rerun where every image is done: 1.1 requests per image (measured 75 for 80). */
  private static final double MAX_RERUN_PER_IMAGE = 1.1;

  @Test
  void aRunCostsOneGetAndOnePutPerImageAndARerunTouchesNoImage(S3Server s3) throws Exception {
    s3.createBucket("requests");
    byte[] image = JobHarness.imageBytes(8, 6, "png");
    for (int i = 0; i < 2 * N; i++) {
      s3.put(source(i), image);
    }
    try (S3Traffic traffic = S3Traffic.start(s3)) {
      S3Requests small = run(s3, traffic, "small", N, "ok");
      S3Requests large = run(s3, traffic, "large", 2 * N, "ok");
      S3Requests rerun = run(s3, traffic, "large", 2 * N, "skipped");
      report(small, large, rerun);

      for (int i = 0; i < 2 * N; i++) {
        assertEquals(List.of("GET"), kinds(large.forObject(source(i))), large::lines);
        assertEquals(List.of("PUT"), kinds(large.forObject(output(i))), large::lines);
        assertEquals(List.of(), rerun.forObject(source(i)), rerun::lines);
        assertEquals(List.of(), rerun.forObject(output(i)), rerun::lines);
      }
      double perImage = (large.total() - small.total()) / (double) N;
      double fixed = small.total() - perImage * N;
      assertTrue(perImage <= 2.2, "requests per image: " + perImage);
      assertTrue(fixed <= MAX_FIXED, "fixed requests per run: " + fixed + "\n" + small.lines());
      assertTrue(rerun.total() <= MAX_RERUN_PER_IMAGE * 2 * N,
          "rerun of " + 2 * N + ": " + rerun.total() + "\n" + rerun.lines());
    }
  }

  private static void report(S3Requests small, S3Requests large, S3Requests rerun) {
    System.out.printf(Locale.ROOT, "S3 requests, %d images: %s%n", N, small.summary());
    System.out.printf(Locale.ROOT, "S3 requests, %d images: %s%n", 2 * N, large.summary());
    System.out.printf(Locale.ROOT, "S3 requests, rerun of %d done images: %s%n", 2 * N, rerun.summary());
    for (S3Requests.Kind kind : S3Requests.Kind.values()) {
      double slope = (large.count(kind) - small.count(kind)) / (double) N;
      System.out.printf(Locale.ROOT, "  %-6s per image %.2f, fixed %.1f, rerun %d%n", kind, slope,
          small.count(kind) - slope * N, rerun.count(kind));
    }
    System.out.printf(Locale.ROOT, "requests per million images: $%.2f; a %d-image run's fixed requests $%.6f%n",
        (large.dollars() - small.dollars()) / N * 1e6, N, 2 * small.dollars() - large.dollars());
    System.out.println(large.lines());
  }

  private static List<String> kinds(List<S3Requests.Request> requests) {
    return requests.stream().map(r -> r.kind().name()).toList();
  }

  private static String source(int i) {
    return String.format(Locale.ROOT, "s3a://requests/in/img-%03d.png", i);
  }

  /** The output of source i in the 2N run (ids are the source path without the extension). */
  private static String output(int i) {
    return String.format(Locale.ROOT, "s3a://requests/large/images/in/img-%03d.png", i);
  }

  /**
   * One run over the first {@code images} images into {@code s3a://requests/<name>}, every row
   * ending {@code status} ("ok", "skipped"); its requests.
   */
  private static S3Requests run(S3Server s3, S3Traffic traffic, String name, int images, String status)
      throws Exception {
    StringBuilder csv = new StringBuilder("uri\n");
    for (int i = 0; i < images; i++) {
      csv.append(source(i)).append('\n');
    }
    String manifest = "s3a://requests/manifests/" + name + "-" + images + ".csv";
    if (!s3.exists(manifest)) {
      s3.putString(manifest, csv.toString());
    }
    traffic.reset();
    SubmitResult r = LocalSubmit.run(MAIN, E2eFiles.appJar(), traffic.sparkConf(),
        "--input", manifest, "--output", "s3a://requests/" + name, "--model", "esrgan-slim-x4",
        "--partitions", "2");
    S3Requests requests = traffic.reset();
    assertEquals(0, r.exitCode(), r::diagnostics);
    JsonNode summary = summary(s3, "s3a://requests/" + name + "/runs/");
    assertEquals(images, summary.get("rows").asInt(), summary::toString);
    assertEquals(images, summary.get(status).asInt(), summary::toString);
    return requests;
  }

  private static JsonNode summary(S3Server s3, String runsPrefix) throws Exception {
    String uri = s3.list(runsPrefix).stream().filter(u -> u.endsWith("/summary.json")).reduce((a, b) -> b)
        .orElseThrow(() -> new AssertionError("no summary under " + runsPrefix));
    return new ObjectMapper().readTree(s3.get(uri));
  }
}
