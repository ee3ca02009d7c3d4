package io.upscaler.job;

import static io.upscaler.job.JobHarness.read;
import static io.upscaler.job.JobHarness.run;
import static io.upscaler.job.JobHarness.statsRow;
import static io.upscaler.job.JobHarness.writeImage;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.upscaler.models.ModelCard;
import io.upscaler.models.ModelCards;
import io.upscaler.models.ModelRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelChoiceTest {
  @TempDir Path dir;

  @Test
  void anUnknownRunModelStopsTheRunNamingIt() throws Exception {
    writeImage(dir.resolve("in/a.png"), 8, 8, "png");
    Path out = dir.resolve("out");
    JobHarness.Run r = run("--input", dir.resolve("in").toString(), "--output", out.toString(),
        "--model", "no-such-model");
    assertEquals(2, r.exitCode());
    assertTrue(r.err().contains("no-such-model"), r.err());
    assertFalse(Files.exists(out));
  }

  @Test
  void aUserModelFileWithItsCardRuns() throws Exception {
    writeImage(dir.resolve("in/a.png"), 10, 6, "png");
    Path model = userModel("mine", "input");
    Path out = dir.resolve("out");
    JobHarness.Run r = run("--input", dir.resolve("in").toString(), "--output", out.toString(),
        "--model", model.toString());
    assertEquals(0, r.exitCode(), r.err());
    Row row = statsRow(out, "a");
    assertEquals("mine-x2", row.getString(row.fieldIndex("model")));
    assertEquals(20, (int) row.getInt(row.fieldIndex("output_width")));
  }

  @Test
  void aUserModelThatDoesNotMatchItsCardIsRefusedBeforeAnyImage() throws Exception {
    writeImage(dir.resolve("in/a.png"), 8, 8, "png");
    Path model = userModel("wrong", "pixels");
    Path out = dir.resolve("out");
    JobHarness.Run r = run("--input", dir.resolve("in").toString(), "--output", out.toString(),
        "--model", model.toString());
    assertEquals(2, r.exitCode());
    assertTrue(r.err().contains("pixels"), r.err());
    assertFalse(Files.exists(out));
  }

  @Test
  void aRowNamingAnUnknownModelFailsAlone() throws Exception {
    Path a = writeImage(dir.resolve("a.png"), 8, 8, "png");
    Files.writeString(dir.resolve("m.csv"), "id,uri,model\ngood," + a + ",\nbad," + a + ",nope\n");
    Path out = dir.resolve("out");
    JobHarness.Run r = run("--input", dir.resolve("m.csv").toString(), "--output", out.toString(),
        "--max-failure-ratio", "0.5");
    assertEquals(0, r.exitCode(), r.err());
    Row bad = statsRow(out, "bad");
    assertEquals("INVALID_REQUEST", bad.getString(bad.fieldIndex("error_class")));
    assertTrue(bad.getString(bad.fieldIndex("error_message")).contains("nope"));
    assertEquals("OK", statsRow(out, "good").getString(statsRow(out, "good").fieldIndex("status")));
  }

  @Test
  void aNamedModelWithoutASizeWritesItsNativeScalePerRowToo() throws Exception {
    Path a = writeImage(dir.resolve("a.png"), 8, 6, "png");
    Files.writeString(dir.resolve("m.csv"), "id,uri,model,scale\n"
        + "run," + a + ",,\nrow," + a + ",esrgan-slim-x3,\nfamily," + a + ",esrgan-slim,\n"
        + "sized," + a + ",esrgan-slim-x3,2\n");
    Path out = dir.resolve("out");
    JobHarness.Run r = JobHarness.runWithoutDefaultScale("--input", dir.resolve("m.csv").toString(),
        "--output", out.toString(), "--model", "esrgan-slim-x2");
    assertEquals(0, r.exitCode(), r.err());
    assertEquals(16, read(out.resolve("images/run.png")).getWidth(), "--model esrgan-slim-x2: x2");
    assertEquals("esrgan-slim-x2", statsRow(out, "run").getString(statsRow(out, "run").fieldIndex("model")));
    assertEquals(24, read(out.resolve("images/row.png")).getWidth(), "row model esrgan-slim-x3: x3");
    assertEquals(32, read(out.resolve("images/family.png")).getWidth(), "a family name: the default x4");
    assertEquals(16, read(out.resolve("images/sized.png")).getWidth(), "the row's scale wins");
  }

  /** A bundled model's real weights saved as a user model file with its own card. */
  private Path userModel(String name, String inputName) throws Exception {
    ModelRegistry registry = ModelRegistry.bundled();
    ModelCard c = registry.resolve("esrgan-slim-x2");
    ModelCard mine = new ModelCard(name + "-x2", name, c.architecture(), 2, inputName,
        c.outputName(), c.layout(), c.channelOrder(), c.valueMin(), c.valueMax(), c.precision(),
        0, 0, -1, null, name + ".onnx", "", "", "", "MIT", "test", java.util.List.of());
    Path onnx = dir.resolve("models/" + name + ".onnx");
    Files.createDirectories(onnx.getParent());
    Files.write(onnx, registry.modelBytes(c));
    Files.write(dir.resolve("models/" + name + ".json"), ModelCards.toJson(mine));
    return onnx;
  }
}
