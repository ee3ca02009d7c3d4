package io.upscaler.job;

import static io.upscaler.job.testing.HttpTestServer.bytes;
import static io.upscaler.job.testing.HttpTestServer.chunked;
import static io.upscaler.job.testing.HttpTestServer.firstThen;
import static io.upscaler.job.testing.HttpTestServer.status;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.fasterxml.jackson.databind.JsonNode;
import io.upscaler.job.testing.E2eExtension;
import io.upscaler.job.testing.E2eFiles;
import io.upscaler.job.testing.HttpTestServer;
import io.upscaler.job.testing.S3Server;
import io.upscaler.job.testing.StandaloneCluster;
import io.upscaler.job.testing.SubmitResult;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import javax.imageio.ImageIO;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Image URLs as users run them: the packaged jar through spark-submit on the standalone cluster
 * (two executor JVMs), a manifest URL and its image URLs on a real HTTP server on 127.0.0.1, the
 * outputs on the S3 server. Each executor fetches with its own JVM's client, and each URL is still
 * fetched exactly once in the run.
 */
@ExtendWith(E2eExtension.class)
class UrlInputsOnClusterIT {
  private static final String MAIN = "io.upscaler.job.Main";
  private static final int IMAGES = 8;
  @TempDir Path dir;

  @Test
  void twoExecutorsFetchEachImageUrlOnce(S3Server s3, StandaloneCluster cluster) throws Exception {
    s3.createBucket("urls");
    StringBuilder manifest = new StringBuilder("uri,sku\n");
    try (HttpTestServer server = HttpTestServer.start()) {
      for (int i = 0; i < IMAGES; i++) {
        String format = i % 2 == 0 ? "png" : "jpg";
        byte[] image = JobHarness.imageBytes(16 + i, 12, format);
        server.route("/cdn/p" + i + "." + format, i % 4 == 1 ? chunked(image, 200) : bytes(image));
        manifest.append(server.url("/cdn/p" + i + "." + format + "?v=" + i)).append(",sku").append(i).append('\n');
      }
      server.route("/cdn/flaky.png", firstThen(1, status(503), bytes(JobHarness.imageBytes(10, 10, "png"))));
      manifest.append(server.url("/cdn/flaky.png")).append(",sku-f\n");
      manifest.append(server.url("/cdn/missing.png")).append(",sku-m\n");
      server.route("/lists/catalogue.csv", bytes(manifest.toString().getBytes()));
      Map<String, String> conf = new HashMap<>(s3.sparkConf());
      conf.put("spark.locality.wait", "0s");

      SubmitResult run = cluster.submit(MAIN, E2eFiles.appJar(), conf,
          "--input", server.url("/lists/catalogue.csv"), "--output", "s3a://urls/out",
          "--model", "esrgan-slim-x2", "--scale", "2", "--partitions", "4", "--max-failure-ratio", "0.2");

      assertEquals(0, run.exitCode(), run::diagnostics);
      JsonNode summary = ClusterRuns.summary(s3, "s3a://urls/out/runs/");
      assertEquals(IMAGES + 2, summary.get("rows").asInt(), summary::toString);
      assertEquals(IMAGES + 1, summary.get("ok").asInt(), summary::toString);
      assertEquals(1, summary.get("failures_by_class").get("NOT_FOUND").asInt(), summary::toString);
      Dataset<Row> stats = ClusterRuns.stats(s3, "s3a://urls/out/stats/", dir);
      assertEquals(IMAGES + 2, stats.count(), "one statistics row per manifest row");
      assertEquals(IMAGES + 2, stats.select("id").distinct().count());
      assertEquals("sku-f", stats.where("id = 'cdn/flaky'").first().getAs("sku"));
      Set<String> executors = ClusterRuns.assertOneSessionPerModelExecutor(summary, stats, cluster, run);
      assertEquals(2, executors.size(), "two executor JVMs did the work: " + summary + run.diagnostics());

      assertEquals(1, server.requests("/lists/catalogue.csv"), "the driver stages the manifest once");
      for (int i = 0; i < IMAGES; i++) {
        String format = i % 2 == 0 ? "png" : "jpg";
        assertEquals(1, server.requests("/cdn/p" + i + "." + format + "?v=" + i), "p" + i);
        String out = "s3a://urls/out/images/cdn/p" + i + "." + format;
        BufferedImage img = ImageIO.read(new ByteArrayInputStream(s3.get(out)));
        assertNotNull(img, out);
        assertEquals(2 * (16 + i), img.getWidth(), out);
        assertEquals(24, img.getHeight(), out);
      }
      assertEquals(2, server.requests("/cdn/flaky.png"), "a 503, then the retry");
      assertEquals(1, server.requests("/cdn/missing.png"), "a 404 is not retried");
    }
  }
}
