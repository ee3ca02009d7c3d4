package io.upscaler.job.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.upscaler.core.Fit;
import io.upscaler.core.TargetSize;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigParserTest {
  private static final String[] REQUIRED = {"--input", "in.csv", "--output", "out"};

  @Test
  void defaultsApplyWhenNothingIsGiven() {
    JobConfig c = resolve(Map.of(), REQUIRED);
    assertEquals(new TargetSize.Factor(4), c.target());
    assertEquals("auto", c.format());
    assertEquals(85, c.quality());
    assertFalse(c.overwrite());
    assertEquals(0.0, c.maxFailureRatio());
    assertNull(c.model());
  }

  @Test
  void aRunIdIsMadeWhenNoneIsGivenAndMarkedAsGivenOtherwise() {
    JobConfig made = resolve(Map.of(), REQUIRED);
    assertFalse(made.runIdGiven());
    assertTrue(made.runId().matches("\\d{8}T\\d{6}Z-[0-9a-f]{8}"), made.runId());
    assertEquals(made.runId(), made.raw().get("run-id"), "the summary's settings name it");
    JobConfig given = resolve(Map.of(), "--input", "in.csv", "--output", "out", "--run-id", "nightly-1");
    assertTrue(given.runIdGiven());
    assertEquals("nightly-1", given.runId());
  }

  @Test
  void commandLineBeatsSparkConfWhichBeatsTheFile(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("upscaler.properties");
    Files.writeString(file, "spark.upscaler.quality=70\nspark.upscaler.tile=256\nspark.upscaler.batch=3\n");
    JobConfig c =
        resolve(
            Map.of("spark.upscaler.quality", "80", "spark.upscaler.tile", "128"),
            "--input", "in.csv", "--output", "out", "--quality", "90", "--config", file.toString());
    assertEquals(90, c.quality(), "command line");
    assertEquals(128, c.tile(), "--conf over file");
    assertEquals(3, c.batch(), "file over default");
  }

  @Test
  void invalidValuesNameTheSettingAndValue() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class,
            () -> resolve(Map.of(), "--input", "a", "--output", "b", "--quality", "150"));
    assertTrue(e.getMessage().contains("quality") && e.getMessage().contains("150"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> resolve(Map.of("spark.upscaler.device", "tpu"), REQUIRED));
    assertTrue(e.getMessage().contains("device") && e.getMessage().contains("tpu"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> resolve(Map.of(), "--input", "a", "--output", "b", "--scale", "0.5"));
    assertTrue(e.getMessage().contains("scale"), e.getMessage());
  }

  @Test
  void unknownOptionsAndSettingsAreRefused() {
    assertThrows(IllegalArgumentException.class, () -> resolve(Map.of(), "--input", "a", "--colour", "x"));
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class,
            () -> resolve(Map.of("spark.upscaler.qualty", "3"), REQUIRED));
    assertTrue(e.getMessage().contains("spark.upscaler.qualty"), e.getMessage());
  }

  @Test
  void widthAndHeightNeedAFitAndExcludeScale() {
    assertThrows(IllegalArgumentException.class,
        () -> resolve(Map.of(), "--input", "a", "--output", "b", "--width", "100", "--height", "50"));
    assertThrows(IllegalArgumentException.class,
        () -> resolve(Map.of(), "--input", "a", "--output", "b", "--width", "100", "--scale", "2"));
    JobConfig c = resolve(Map.of(), "--input", "a", "--output", "b", "--width", "100", "--height",
        "50", "--fit", "contain");
    assertEquals(new TargetSize.Box(100, 50, Fit.CONTAIN), c.target());
  }

  @Test
  void flagsTakeNoValueAndConfPairsGoToSpark() {
    ConfigParser.CommandLine cl =
        ConfigParser.parseCommandLine(new String[] {"--dry-run", "--input", "a", "--conf",
            "spark.hadoop.fs.s3a.endpoint=http://127.0.0.1:9000", "--tune-colors", "--output", "b"});
    assertEquals("true", cl.options().get("dry-run"));
    assertEquals("true", cl.options().get("tune-colors"));
    assertEquals("http://127.0.0.1:9000", cl.sparkConf().get("spark.hadoop.fs.s3a.endpoint"));
  }

  @Test
  void helpListsEverySetting() {
    String help = ConfigParser.help();
    for (Setting<?> s : Settings.ALL) {
      assertTrue(help.contains("--" + s.name()), s.name());
    }
  }

  private static JobConfig resolve(Map<String, String> sparkConf, String... args) {
    return ConfigParser.resolve(ConfigParser.parseCommandLine(args), sparkConf);
  }
}
