package io.upscaler.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.upscaler.job.testing.E2eExtension;
import io.upscaler.job.testing.E2eFiles;
import io.upscaler.job.testing.LocalSubmit;
import io.upscaler.job.testing.S3Server;
import io.upscaler.job.testing.StandaloneCluster;
import io.upscaler.job.testing.SubmitResult;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.imageio.ImageIO;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The product as users run it: the packaged jar through spark-submit on a standalone cluster (two
 * executor JVMs), a catalogue and its outputs on an S3 server, and the exit codes spark-submit
 * hands back.
 */
@ExtendWith(E2eExtension.class)
class UpscaleOnClusterIT {
  private static final String MAIN = "io.upscaler.job.Main";
  @TempDir Path dir;

  @Test
  void aCatalogueOnS3IsUpscaledByTwoExecutorsAndARerunSkipsIt(S3Server s3, StandaloneCluster cluster)
      throws Exception {
    s3.createBucket("catalogue");
    StringBuilder manifest = new StringBuilder("id,uri,sku\n");
    for (int i = 0; i < 8; i++) {
      String uri = "s3a://catalogue/photos/p" + i + (i % 2 == 0 ? ".png" : ".jpg");
      s3.put(uri, JobHarness.imageBytes(16 + i, 12, i % 2 == 0 ? "png" : "jpg"));
      manifest.append("item-").append(i).append(',').append(uri).append(",sku").append(i).append('\n');
    }
    s3.putString("s3a://catalogue/photos/broken.jpg", "<html>not found</html>");
    manifest.append("broken,s3a://catalogue/photos/broken.jpg,sku-x\n");
    manifest.append("gone,s3a://catalogue/photos/missing.png,sku-y\n");
    s3.putString("s3a://catalogue/manifest.csv", manifest.toString());
    Map<String, String> conf = new HashMap<>(s3.sparkConf());
    conf.put("spark.locality.wait", "0s");
    String[] args = {"--input", "s3a://catalogue/manifest.csv", "--output", "s3a://catalogue/out",
        "--model", "esrgan-slim-x2", "--scale", "2", "--partitions", "4", "--max-failure-ratio", "0.25"};

    SubmitResult first = cluster.submit(MAIN, E2eFiles.appJar(), conf, args);

    assertEquals(0, first.exitCode(), first::diagnostics);
    for (int i = 0; i < 8; i++) {
      String out = "s3a://catalogue/out/images/item-" + i + (i % 2 == 0 ? ".png" : ".jpg");
      BufferedImage img = ImageIO.read(new ByteArrayInputStream(s3.get(out)));
      assertNotNull(img, out);
      assertEquals(2 * (16 + i), img.getWidth(), out);
    }
    JsonNode summary = ClusterRuns.summary(s3, "s3a://catalogue/out/runs/");
    assertEquals(10, summary.get("rows").asInt());
    assertEquals(8, summary.get("ok").asInt());
    assertEquals(1, summary.get("failures_by_class").get("UNSUPPORTED_FORMAT").asInt());
    assertEquals(1, summary.get("failures_by_class").get("NOT_FOUND").asInt());
    Dataset<Row> stats = ClusterRuns.stats(s3, "s3a://catalogue/out/stats/", dir);
    assertEquals(10, stats.count(), "one statistics row per manifest row");
    assertEquals("sku3", stats.where("id = 'item-3'").first().getAs("sku"));
    Set<String> executors = ClusterRuns.assertOneSessionPerModelExecutor(summary, stats, cluster, first);
    assertEquals(2, executors.size(), "two executor JVMs did the work: " + summary + first.diagnostics());

    SubmitResult second = cluster.submit(MAIN, E2eFiles.appJar(), conf, args);

    assertEquals(0, second.exitCode(), second::diagnostics);
    Dataset<Row> all = ClusterRuns.stats(s3, "s3a://catalogue/out/stats/", dir);
    assertEquals(20, all.count());
    assertEquals(8, all.where("status = 'SKIPPED'").count(), "the rerun skipped every output");
  }

  @Test
  void spark_submitHandsBackTheJobsExitCodes() throws Exception {
    Path good = JobHarness.writeImage(dir.resolve("good.png"), 8, 8, "png");
    Path dup = dir.resolve("dup.csv");
    Files.writeString(dup, "id,uri\na," + good + "\na," + good + "\n");
    SubmitResult invalid = LocalSubmit.run(MAIN, E2eFiles.appJar(), Map.of(),
        "--input", dup.toString(), "--output", dir.resolve("out1").toString());
    assertEquals(2, invalid.exitCode(), invalid::diagnostics);
    assertTrue(invalid.stderr().contains("'a' (2 rows)"), invalid.stderr());

    Path half = dir.resolve("half.csv");
    Files.writeString(half, "id,uri\ngood," + good + "\nbad," + dir.resolve("missing.png") + "\n");
    SubmitResult tooMany = LocalSubmit.run(MAIN, E2eFiles.appJar(), Map.of(),
        "--input", half.toString(), "--output", dir.resolve("out2").toString(),
        "--model", "esrgan-slim-x2", "--scale", "2");
    assertEquals(3, tooMany.exitCode(), tooMany::diagnostics);
    assertTrue(Files.exists(dir.resolve("out2/images/good.png")), "good outputs are still written");
  }
}
