package io.upscaler.job;

import static io.upscaler.job.JobHarness.run;
import static io.upscaler.job.JobHarness.stats;
import static io.upscaler.job.JobHarness.statsRow;
import static io.upscaler.job.JobHarness.writeImage;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

class RerunsAndFailuresTest {
  @TempDir Path dir;

  @Test
  void aRerunWithTheSameSettingsSkipsEverythingWithoutReading() throws Exception {
    writeImage(dir.resolve("in/a.png"), 12, 8, "png");
    writeImage(dir.resolve("in/b.jpg"), 8, 12, "jpg");
    Path out = dir.resolve("out");
    assertEquals(0, run("--input", dir.resolve("in").toString(), "--output", out.toString()).exitCode());
    Path a = out.resolve("images/a.png");
    FileTime written = Files.getLastModifiedTime(a);

    JobHarness.Run again = run("--input", dir.resolve("in").toString(), "--output", out.toString());

    assertEquals(0, again.exitCode(), again.err());
    List<Row> second = stats(out).where("status = 'SKIPPED'").collectAsList();
    assertEquals(2, second.size());
    for (Row r : second) {
      assertTrue(r.isNullAt(r.fieldIndex("input_bytes")), "not read");
      assertTrue(r.isNullAt(r.fieldIndex("model")), "not upscaled");
    }
    assertEquals(written, Files.getLastModifiedTime(a), "not rewritten");
    Files.delete(out.resolve("images/b.jpg"));
    run("--input", dir.resolve("in").toString(), "--output", out.toString());
    assertEquals(4, stats(out).where("status = 'SKIPPED'").count(),
        "the journal alone decides: outputs are not even checked");
    JsonNode summary = summaryOf(out, second.get(0).getString(second.get(0).fieldIndex("run_id")));
    assertEquals(2, summary.get("skipped").asInt());

    JobHarness.Run forced = run("--input", dir.resolve("in").toString(), "--output", out.toString(),
        "--mode", "overwrite");
    assertEquals(0, forced.exitCode());
    assertEquals(4, stats(out).where("status = 'OK'").count(), "overwrite redid both");
    assertTrue(Files.exists(out.resolve("images/b.jpg")));
  }

  @Test
  void changedSettingsRedoTheRowsTheyChange() throws Exception {
    writeImage(dir.resolve("in/a.jpg"), 12, 8, "jpg");
    Path out = dir.resolve("out");
    run("--input", dir.resolve("in").toString(), "--output", out.toString());
    JobHarness.Run r = run("--input", dir.resolve("in").toString(), "--output", out.toString(),
        "--quality", "50");
    assertEquals(0, r.exitCode());
    assertEquals(2, stats(out).where("status = 'OK'").count(), "new quality, new output");
  }

  @Test
  void aDryRunWritesNothing() throws Exception {
    writeImage(dir.resolve("in/a.png"), 12, 8, "png");
    Path out = dir.resolve("out");
    JobHarness.Run r = run("--input", dir.resolve("in").toString(), "--output", out.toString(), "--dry-run");
    assertEquals(0, r.exitCode(), r.err());
    assertTrue(r.out().contains("rows 1: 1 to process"), r.out());
    assertTrue(r.out().contains("output 0.00 MP") || r.out().contains("MP"), r.out());
    assertFalse(Files.exists(out), "nothing written");
  }

  @Test
  void duplicateIdsStopTheRunBeforeAnythingIsWritten() throws Exception {
    Path a = writeImage(dir.resolve("a.png"), 8, 8, "png");
    Path csv = dir.resolve("m.csv");
    Files.writeString(csv, "id,uri\nsame," + a + "\nsame," + a + "\nother," + a + "\n");
    Path out = dir.resolve("out");
    JobHarness.Run r = run("--input", csv.toString(), "--output", out.toString());
    assertEquals(2, r.exitCode());
    assertTrue(r.err().contains("'same' (2 rows)"), r.err());
    assertFalse(Files.exists(out));
  }

  @Test
  void valuesOfTheWrongTypeStopTheRunNamingColumnAndRow() throws Exception {
    Path a = writeImage(dir.resolve("a.png"), 8, 8, "png");
    Path csv = dir.resolve("m.csv");
    Files.writeString(csv, "id,uri,scale\nok," + a + ",2\nbad," + a + ",two\n");
    JobHarness.Run r = run("--input", csv.toString(), "--output", dir.resolve("out").toString());
    assertEquals(2, r.exitCode());
    assertTrue(r.err().contains("'scale'") && r.err().contains("bad ('two')"), r.err());
  }

  @Test
  void aManifestWithoutUriOrContentIsRefused() throws Exception {
    Path csv = dir.resolve("m.csv");
    Files.writeString(csv, "id,path\na,/x.png\n");
    JobHarness.Run r = run("--input", csv.toString(), "--output", dir.resolve("out").toString());
    assertEquals(2, r.exitCode());
    assertTrue(r.err().contains("neither a 'uri' nor a 'content' column"), r.err());
  }

  @Test
  void badInputsEachFailTheirOwnRowWithTheirClass() throws Exception {
    Path good = writeImage(dir.resolve("good.png"), 10, 10, "png");
    Path truncated = dir.resolve("truncated.png");
    byte[] whole = Files.readAllBytes(writeImage(dir.resolve("whole.png"), 30, 30, "png"));
    Files.write(truncated, java.util.Arrays.copyOf(whole, whole.length / 2));
    Path huge = dir.resolve("huge.png");
    Files.write(huge, pngHeader(100_000, 100_000));
    Path empty = Files.write(dir.resolve("empty.jpg"), new byte[0]);
    Path csv = dir.resolve("m.csv");
    Files.writeString(csv, "id,uri\n"
        + "good," + good + "\n"
        + "missing," + dir.resolve("nope.png") + "\n"
        + "truncated," + truncated + "\n"
        + "huge," + huge + "\n"
        + "empty," + empty + "\n"
        + "../escape," + good + "\n"
        + "/absolute," + good + "\n"
        + "bad-scheme,nosuchfs://x/y.png\n");
    Path out = dir.resolve("out");

    JobHarness.Run r = run("--input", csv.toString(), "--output", out.toString(), "--max-failure-ratio", "1");

    assertEquals(0, r.exitCode(), r.err());
    assertEquals(8, stats(out).count(), "exactly one row per manifest row");
    assertEquals("OK", field(out, "good", "status"));
    assertEquals("NOT_FOUND", field(out, "missing", "error_class"));
    assertEquals("TRUNCATED_IMAGE", field(out, "truncated", "error_class"));
    assertEquals("TOO_MANY_PIXELS", field(out, "huge", "error_class"));
    assertEquals("EMPTY_IMAGE", field(out, "empty", "error_class"));
    assertEquals("INVALID_ID", field(out, "../escape", "error_class"));
    assertEquals("INVALID_ID", field(out, "/absolute", "error_class"));
    assertEquals("INVALID_REQUEST", field(out, "bad-scheme", "error_class"));
    try (Stream<Path> files = Files.walk(out.resolve("images"))) {
      assertEquals(1, files.filter(Files::isRegularFile).count(), "only the good output");
    }
    assertFalse(Files.exists(dir.resolve("escape.png")));
    Row goodRow = statsRow(out, "good");
    JsonNode summary = summaryOf(out, goodRow.getString(goodRow.fieldIndex("run_id")));
    assertEquals(7, summary.get("failed").asInt());
    assertEquals(1, summary.get("failures_by_class").get("NOT_FOUND").asInt());
  }

  @Test
  void theSummaryHasEveryDocumentedKey() throws Exception {
    writeImage(dir.resolve("in/a.png"), 12, 8, "png");
    Path out = dir.resolve("out");
    run("--input", dir.resolve("in").toString(), "--output", out.toString());
    Row row = statsRow(out, "a");
    JsonNode s = summaryOf(out, row.getString(row.fieldIndex("run_id")));
    for (String key : List.of("run_id", "rows", "ok", "failed", "skipped", "failures_by_class",
        "input_megapixels", "output_megapixels", "wall_seconds", "throughput_output_mp_per_s",
        "latency_ms", "session_loads", "model", "device", "settings")) {
      assertTrue(s.has(key), key);
    }
    assertTrue(s.get("latency_ms").has("p95"));
    assertEquals(24 * 16 / 1e6, s.get("output_megapixels").asDouble(), 1e-12, "12x8 at x2");
    assertEquals(JobHarness.MODEL, s.get("model").asText());
    assertEquals("2", s.get("settings").get("scale").asText().replace(".0", ""));
  }

  @Test
  void aRunIdCanBeUsedOnlyOnce() throws Exception {
    writeImage(dir.resolve("in/a.png"), 8, 8, "png");
    Path out = dir.resolve("out");
    assertEquals(0, run("--input", dir.resolve("in").toString(), "--output", out.toString(),
        "--run-id", "nightly-1").exitCode());
    JobHarness.Run again = run("--input", dir.resolve("in").toString(), "--output", out.toString(),
        "--run-id", "nightly-1");
    assertEquals(2, again.exitCode());
    assertTrue(again.err().contains("nightly-1"), again.err());
    assertEquals(1, stats(out).count());
    assertEquals(2, run("--input", dir.resolve("in").toString(), "--output", out.toString(),
        "--run-id", "../x").exitCode(), "unsafe run ids are refused");
  }

  @ParameterizedTest(name = "--device {0}")
  @ValueSource(strings = {"gpu", "tensorrt"})
  void aRequiredGpuWithoutAGpuFailsTheRunAsInfrastructure(String device) throws Exception {
    writeImage(dir.resolve("in/a.png"), 8, 8, "png");
    JobHarness.Run r = run("--input", dir.resolve("in").toString(), "--output",
        dir.resolve("out").toString(), "--device", device);
    assertEquals(1, r.exitCode(), r.out());
    assertTrue(r.err().contains("device=" + device + " but no GPU"), r.err());
    assertTrue(r.err().contains("spark.task.resource.gpu.amount"), r.err());
  }

  @Test
  void anEmptyManifestIsARunOfZeroRows() throws Exception {
    Files.writeString(dir.resolve("empty.csv"), "id,uri\n");
    Path out = dir.resolve("out");
    JobHarness.Run r = run("--input", dir.resolve("empty.csv").toString(), "--output", out.toString(),
        "--run-id", "empty-1");
    assertEquals(0, r.exitCode(), r.err());
    assertEquals(0, summaryOf(out, "empty-1").get("rows").asInt());
  }

  @Test
  void limitTakesTheFirstRows() throws Exception {
    Path a = writeImage(dir.resolve("a.png"), 8, 8, "png");
    StringBuilder csv = new StringBuilder("id,uri\n");
    for (int i = 0; i < 5; i++) {
      csv.append("r").append(i).append(',').append(a).append('\n');
    }
    Files.writeString(dir.resolve("m.csv"), csv.toString());
    Path out = dir.resolve("out");
    assertEquals(0, run("--input", dir.resolve("m.csv").toString(), "--output", out.toString(),
        "--limit", "2").exitCode());
    assertEquals(2, stats(out).count());
  }

  private static String field(Path out, String id, String column) {
    Row r = statsRow(out, id);
    return r.getString(r.fieldIndex(column));
  }

  static JsonNode summaryOf(Path out, String runId) throws Exception {
    return new ObjectMapper().readTree(out.resolve("runs").resolve(runId).resolve("summary.json").toFile());
  }

  /** A PNG signature and IHDR declaring the given size, then nothing: a decompression-bomb header. */
  static byte[] pngHeader(int w, int h) {
    ByteBuffer b = ByteBuffer.allocate(8 + 25);
    b.put(new byte[] {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10});
    b.putInt(13);
    int start = b.position();
    b.put(new byte[] {'I', 'H', 'D', 'R'}).putInt(w).putInt(h).put((byte) 8).put((byte) 2)
        .put((byte) 0).put((byte) 0).put((byte) 0);
    CRC32 crc = new CRC32();
    crc.update(b.array(), start, 17);
    b.putInt((int) crc.getValue());
    return b.array();
  }
}
