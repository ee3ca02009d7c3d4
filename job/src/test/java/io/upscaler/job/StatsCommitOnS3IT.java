package io.upscaler.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.upscaler.job.testing.E2eExtension;
import io.upscaler.job.testing.E2eFiles;
import io.upscaler.job.testing.LocalSubmit;
import io.upscaler.job.testing.S3Requests;
import io.upscaler.job.testing.S3Server;
import io.upscaler.job.testing.S3Traffic;
import io.upscaler.job.testing.SubmitResult;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The statistics commit on the real S3 server, through the counting proxy: the packaged jar
 * (spark-submit, local mode) commits the run's rows with the S3A magic committer, i.e. its files
 * become visible only when the job commit completes their multipart uploads, nothing is copied
 * (no rename-based commit), and neither {@code __magic} nor {@code _temporary} nor {@code _SUCCESS}
 * is left; the rows, the summary and the report read them correctly.
 */
@ExtendWith(E2eExtension.class)
class StatsCommitOnS3IT {
  private static final String MAIN = "io.upscaler.job.Main";
  private static final String BUCKET = "stats-commit";
  private static final int IMAGES = 5;
  @TempDir Path dir;

  @Test
  void theMagicCommitterCommitsExactRowsAndLeavesNothingBehind(S3Server s3) throws Exception {
    s3.createBucket(BUCKET);
    for (int i = 0; i < IMAGES; i++) {
      s3.put("s3a://" + BUCKET + "/in/p" + i + ".png", JobHarness.imageBytes(8 + i, 6, "png"));
    }
    s3.putString("s3a://" + BUCKET + "/in/notes.png", "not an image");
    String out = "s3a://" + BUCKET + "/out";
    SubmitResult r;
    S3Requests statsTraffic;
    try (S3Traffic traffic = S3Traffic.start(s3)) {
      r = LocalSubmit.run(MAIN, E2eFiles.appJar(), traffic.sparkConf(), "--input", "s3a://" + BUCKET + "/in",
          "--output", out, "--model", "esrgan-slim-x2", "--scale", "2", "--max-failure-ratio", "0.5");
      statsTraffic = traffic.requests().under(out + "/stats/");
    }

    assertEquals(0, r.exitCode(), r::diagnostics);
    System.out.println("statistics commit on S3: " + statsTraffic.summary() + "; run " + r.elapsed().toMillis() + " ms");
    assertTrue(r.stderr().contains("S3A committer magic via " + "io.upscaler.job.stats.PathCommitProtocol"),
        r::diagnostics);
    List<String> objects = s3.list(out + "/stats/");
    assertTrue(objects.stream().allMatch(u -> u.matches(".*/stats/run_id=[^/]+/part-[^/]+\\.parquet")),
        "only the run's data files: " + objects);
    assertTrue(s3.list(out + "/").stream().noneMatch(u -> u.contains("__magic") || u.contains("_temporary")
        || u.endsWith("_SUCCESS")), "no committer leftovers");
    long completes = statsTraffic.requests().stream()
        .filter(q -> q.method().equals("POST") && q.query().contains("uploadId") && q.status() == 200
            && q.key().endsWith(".parquet") && !q.key().contains("__magic"))
        .count();
    assertEquals(objects.size(), completes, "each data file appeared by completing its pending upload\n"
        + statsTraffic.lines());
    assertEquals(0, statsTraffic.count(S3Requests.Kind.COPY), "no renames (copies)\n" + statsTraffic.lines());

    Dataset<Row> stats = ClusterRuns.stats(s3, out + "/stats/", dir);
    assertEquals(IMAGES + 1, stats.count());
    assertEquals(IMAGES + 1, stats.select("id").distinct().count());
    assertEquals(1, stats.select("run_id").distinct().count());
    assertEquals(IMAGES, stats.where("status = 'OK'").count());
    JsonNode summary = ClusterRuns.summary(s3, out + "/runs/");
    assertEquals(IMAGES + 1, summary.get("rows").asInt(), summary::toString);
    assertEquals(IMAGES, summary.get("ok").asInt(), summary::toString);
    String runId = summary.get("run_id").asText();
    String html = new String(s3.get(out + "/runs/" + runId + "/report.html"), StandardCharsets.UTF_8);
    assertTrue(html.contains("UNSUPPORTED_FORMAT &middot; 1 row"), "the report's failure query read the committed rows");
    assertTrue(html.contains("<td>notes</td>"), "the failed row's id, from the committed rows");
  }
}
