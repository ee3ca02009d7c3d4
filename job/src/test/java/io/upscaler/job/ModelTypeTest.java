package io.upscaler.job;

import static io.upscaler.job.JobHarness.run;
import static io.upscaler.job.JobHarness.statsRow;
import static io.upscaler.job.JobHarness.writeImage;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** --model-type and the manifest column model_type: classic = esrgan-medium, gan = Real-ESRGAN. */
class ModelTypeTest {
  @TempDir Path dir;

  @Test
  void theRunsTypeAppliesUnlessARowGivesItsOwn() throws Exception {
    Path img = writeImage(dir.resolve("a.png"), 16, 12, "png");
    Files.writeString(dir.resolve("m.csv"), "id,uri,model_type,model\n"
        + "classic," + img + ",classic,\n"
        + "run," + img + ",,\n"
        + "both," + img + ",gan,esrgan-slim-x2\n"
        + "latent," + img + ",latent,\n");
    Path out = dir.resolve("out");
    JobHarness.Run r = run("--input", dir.resolve("m.csv").toString(), "--output", out.toString(),
        "--model-type", "gan", "--max-failure-ratio", "0.5");
    assertEquals(0, r.exitCode(), r.err());
    assertEquals("esrgan-medium-x2", value(statsRow(out, "classic"), "model"));
    assertEquals("realesr-general-x4v3", value(statsRow(out, "run"), "model"));
    assertEquals(32, statsRow(out, "run").getInt(statsRow(out, "run").fieldIndex("output_width")));
    Row both = statsRow(out, "both");
    assertEquals("INVALID_REQUEST", value(both, "error_class"));
    assertTrue(value(both, "error_message").contains("model or model_type"), value(both, "error_message"));
    Row latent = statsRow(out, "latent");
    assertEquals("INVALID_REQUEST", value(latent, "error_class"));
    assertTrue(value(latent, "error_message").contains("'latent'"), value(latent, "error_message"));
  }

  @Test
  void modelAndModelTypeTogetherStopTheRunNamingBoth() throws Exception {
    writeImage(dir.resolve("in/a.png"), 8, 8, "png");
    Path out = dir.resolve("out");
    JobHarness.Run r = run("--input", dir.resolve("in").toString(), "--output", out.toString(),
        "--model", "esrgan-slim-x2", "--model-type", "classic");
    assertEquals(2, r.exitCode());
    assertTrue(r.err().contains("--model or --model-type"), r.err());
    assertFalse(Files.exists(out));
  }

  private static String value(Row r, String column) {
    return r.getString(r.fieldIndex(column));
  }
}
