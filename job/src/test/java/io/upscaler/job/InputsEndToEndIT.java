package io.upscaler.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.upscaler.job.testing.E2eExtension;
import io.upscaler.job.testing.E2eFiles;
import io.upscaler.job.testing.LocalSubmit;
import io.upscaler.job.testing.S3Server;
import io.upscaler.job.testing.SubmitResult;
import java.io.ByteArrayInputStream;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Inputs from anywhere, end to end with the packaged jar (spark-submit, local mode): a folder of
 * awkwardly named objects on the S3 server gives exactly one statistics row per object.
 */
@ExtendWith(E2eExtension.class)
class InputsEndToEndIT {
  private static final String MAIN = "io.upscaler.job.Main";

  @Test
  void anS3FolderWithAwkwardKeysGivesOneRowPerObject(S3Server s3) throws Exception {
    s3.createBucket("awkward");
    List<String> images = List.of("_DSC0042.JPG", ".hidden.png", "with space.png", "hash#1.png",
        "100%.png", "colon:name.png", "ünïcødé 写真.png", "nested/deeper/x.png");
    for (String name : images) {
      String format = name.endsWith(".JPG") ? "jpg" : "png";
      s3.put("s3a://awkward/in/" + name, JobHarness.imageBytes(6, 4, format));
    }
    s3.put("s3a://awkward/in/empty.jpg", new byte[0]);
    s3.putString("s3a://awkward/in/.DS_Store", "Bud1 not an image");

    SubmitResult r = LocalSubmit.run(MAIN, E2eFiles.appJar(), s3.sparkConf(),
        "--input", "s3a://awkward/in", "--output", "s3a://awkward/out", "--model", "esrgan-slim-x2",
        "--max-failure-ratio", "0.5");

    assertEquals(0, r.exitCode(), r::diagnostics);
    JsonNode summary = summary(s3, "s3a://awkward/out/runs/");
    assertEquals(images.size() + 2, summary.get("rows").asInt(), summary::toString);
    assertEquals(images.size(), summary.get("ok").asInt(), summary::toString);
    assertEquals(1, summary.get("failures_by_class").get("EMPTY_IMAGE").asInt());
    assertEquals(1, summary.get("failures_by_class").get("UNSUPPORTED_FORMAT").asInt());
    for (String name : images) {
      String out = "s3a://awkward/out/images/" + name.replaceFirst("(?<=[^/])\\.[^./]*$", "")
          + (name.endsWith(".JPG") ? ".jpg" : ".png");
      assertNotNull(ImageIO.read(new ByteArrayInputStream(s3.get(out))), out);
      assertEquals(12, ImageIO.read(new ByteArrayInputStream(s3.get(out))).getWidth(), out);
    }
  }

  private static JsonNode summary(S3Server s3, String runsPrefix) throws Exception {
    String uri = s3.list(runsPrefix).stream().filter(u -> u.endsWith("/summary.json")).findFirst()
        .orElseThrow(() -> new AssertionError("no summary under " + runsPrefix));
    return new ObjectMapper().readTree(s3.get(uri));
  }
}
