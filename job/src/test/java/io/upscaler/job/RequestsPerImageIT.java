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
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * What a run costs in S3 requests, counted by a real proxy ({@link S3Traffic}) between the job
 * (the packaged jar, spark-submit in local mode) and the S3 server: manifest, images, outputs,
 * statistics table and summary all on S3. Runs of N and 2N images separate the cost per image
 * (the slope) from the fixed cost of a run (the intercept); a rerun of the 2N images, all done,
 * shows what skipping costs. The breakdown by kind is printed for BENCHMARKS.md.
 */
@ExtendWith(E2eExtension.class)
class RequestsPerImageIT {
  private static final String MAIN = "io.upscaler.job.Main";
  private static final int N = 40;

  @Test
  void aRunCostsAboutOneGetAndOnePutPerImage(S3Server s3) throws Exception {
    s3.createBucket("requests");
    byte[] image = JobHarness.imageBytes(8, 6, "png");
    for (int i = 0; i < 2 * N; i++) {
      s3.put(String.format(Locale.ROOT, "s3a://requests/in/img-%03d.png", i), image);
    }
    try (S3Traffic traffic = S3Traffic.start(s3)) {
      S3Requests small = run(s3, traffic, "small", N);
      S3Requests large = run(s3, traffic, "large", 2 * N);
      S3Requests rerun = run(s3, traffic, "large", 2 * N);

      double perImage = (large.total() - small.total()) / (double) N;
      double fixed = small.total() - perImage * N;
      double rerunPerImage = rerun.total() / (double) (2 * N);
      System.out.printf(Locale.ROOT, "S3 requests, %d images: %s%n", N, small.summary());
      System.out.printf(Locale.ROOT, "S3 requests, %d images: %s%n", 2 * N, large.summary());
      System.out.printf(Locale.ROOT, "S3 requests, rerun of %d done images: %s%n", 2 * N, rerun.summary());
      System.out.printf(Locale.ROOT, "per image %.2f, fixed per run %.1f, rerun per image %.2f%n",
          perImage, fixed, rerunPerImage);
      System.out.printf(Locale.ROOT, "price per million images: $%.2f (2N run scaled)%n",
          (large.dollars() - small.dollars()) / N * 1e6);
      printPerKindSlope(small, large);
      System.out.println(large.lines());
    }
  }

  private static void printPerKindSlope(S3Requests small, S3Requests large) {
    for (S3Requests.Kind kind : S3Requests.Kind.values()) {
      System.out.printf(Locale.ROOT, "  %-6s per image %.2f, fixed %.1f%n", kind,
          (large.count(kind) - small.count(kind)) / (double) N,
          small.count(kind) - (large.count(kind) - small.count(kind)) / (double) N * N);
    }
  }

  /** One run over the first {@code images} images into {@code s3a://requests/<name>}; its requests. */
  private static S3Requests run(S3Server s3, S3Traffic traffic, String name, int images)
      throws Exception {
    StringBuilder csv = new StringBuilder("uri\n");
    for (int i = 0; i < images; i++) {
      csv.append(String.format(Locale.ROOT, "s3a://requests/in/img-%03d.png%n", i));
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
    assertTrue(summary.get("ok").asInt() + summary.get("skipped").asInt() == images, summary::toString);
    return requests;
  }

  private static JsonNode summary(S3Server s3, String runsPrefix) throws Exception {
    String uri = s3.list(runsPrefix).stream().filter(u -> u.endsWith("/summary.json")).reduce((a, b) -> b)
        .orElseThrow(() -> new AssertionError("no summary under " + runsPrefix));
    return new ObjectMapper().readTree(s3.get(uri));
  }
}
