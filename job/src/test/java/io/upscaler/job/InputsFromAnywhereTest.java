package io.upscaler.job;

import static io.upscaler.job.JobHarness.read;
import static io.upscaler.job.JobHarness.run;
import static io.upscaler.job.JobHarness.stats;
import static io.upscaler.job.JobHarness.statsRow;
import static io.upscaler.job.JobHarness.writeImage;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.upscaler.job.testing.HttpTestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Inputs that used to lose rows or fail: folders with awkward names, hidden names and empty files
 * (exactly one statistics row per regular file), and manifests served over HTTP.
 */
class InputsFromAnywhereTest {
  @TempDir Path dir;

  @Test
  void aFolderGivesExactlyOneRowPerRegularFileWhateverItsName() throws Exception {
    Path in = dir.resolve("in");
    List<String> images = List.of("_DSC0042.JPG", ".hidden.png", "with space.png", "hash#1.png",
        "100%.jpg", "pct%20literal.png", "colon:name.png", "ünïcødé 写真.png", "nested/deeper/x.png");
    for (String name : images) {
      writeImage(in.resolve(name), 6, 4, name.toLowerCase().endsWith("jpg") ? "jpg" : "png");
    }
    Files.write(in.resolve("empty.jpg"), new byte[0]);
    Files.writeString(in.resolve(".DS_Store"), "Bud1 not an image");
    Path out = dir.resolve("out");

    JobHarness.Run r = run("--input", in.toString(), "--output", out.toString(), "--max-failure-ratio", "0.5");

    assertEquals(0, r.exitCode(), r.err());
    assertEquals(images.size() + 2, stats(out).count(), "one row per file");
    assertEquals(images.size() + 2, stats(out).select("id").distinct().count());
    Map<String, String> outcome = new TreeMap<>();
    for (Row row : stats(out).collectAsList()) {
      String status = row.getString(row.fieldIndex("status"));
      outcome.put(row.getString(row.fieldIndex("id")),
          status.equals("OK") ? "OK" : row.getString(row.fieldIndex("error_class")));
    }
    Map<String, String> expected = new TreeMap<>(Map.of("empty", "EMPTY_IMAGE", ".DS_Store", "UNSUPPORTED_FORMAT"));
    for (String name : images) {
      expected.put(name.replaceFirst("(?<=[^/])\\.[^./]*$", ""), "OK");
    }
    assertEquals(expected, outcome);
    for (String name : images) {
      String id = name.replaceFirst("(?<=[^/])\\.[^./]*$", "");
      String ext = name.toLowerCase().endsWith("jpg") ? ".jpg" : ".png";
      assertEquals(12, read(out.resolve("images").resolve(id + ext)).getWidth(), name);
      Row row = statsRow(out, id);
      assertEquals(Files.size(in.resolve(name)), row.getLong(row.fieldIndex("input_bytes")), name);
    }
  }

  @Test
  void aWideTreeIsListedPartlyByTheExecutorsWithoutLosingOrRepeatingAFile() throws Exception {
    Path in = dir.resolve("wide");
    writeImage(in.resolve("top.png"), 6, 4, "png");
    for (int i = 0; i < 12; i++) {
      writeImage(in.resolve("shelf-" + i + "/_item.png"), 6, 4, "png");
      Files.createDirectories(in.resolve("shelf-" + i + "/deeper"));
      Files.write(in.resolve("shelf-" + i + "/deeper/empty.jpg"), new byte[0]);
    }
    Path out = dir.resolve("out");

    JobHarness.Run r = run("--input", in.toString(), "--output", out.toString(), "--max-failure-ratio", "0.5");

    assertEquals(0, r.exitCode(), r.err());
    assertEquals(25, stats(out).count());
    assertEquals(25, stats(out).select("id").distinct().count());
    assertEquals(13, stats(out).where("status = 'OK'").count());
    assertEquals(12, stats(out).where("error_class = 'EMPTY_IMAGE'").count());
    assertEquals(12, read(out.resolve("images/shelf-11/_item.png")).getWidth());
  }

  @Test
  void aCsvAndAParquetManifestServedOverHttpAreStagedAndRead() throws Exception {
    Path a = writeImage(dir.resolve("img/a.png"), 8, 6, "png");
    Path b = writeImage(dir.resolve("img/b.jpg"), 6, 8, "jpg");
    byte[] csv = ("id,uri,label\nfirst," + a + ",one\nsecond," + b + ",two\n").getBytes();
    Path parquet = dir.resolve("m.parquet");
    JobHarness.spark().createDataFrame(
        List.of(RowFactory.create("p", a.toString(), 7L)),
        new StructType().add("id", DataTypes.StringType).add("uri", DataTypes.StringType)
            .add("sku", DataTypes.LongType))
        .coalesce(1).write().parquet(parquet.toString());
    byte[] parquetBytes = Files.readAllBytes(Files.list(parquet)
        .filter(f -> f.getFileName().toString().endsWith(".parquet")).findFirst().orElseThrow());
    try (HttpTestServer server = HttpTestServer.start()) {
      server.route("/lists/m.csv", HttpTestServer.chunked(csv, 20))
          .route("/lists/m.parquet", HttpTestServer.bytes(parquetBytes));
      Path out = dir.resolve("out");

      JobHarness.Run r = run("--input", server.url("/lists/m.csv?token=abc"), "--output", out.toString(),
          "--run-id", "from-csv");
      assertEquals(0, r.exitCode(), r.err());
      assertEquals(1, server.requests("/lists/m.csv?token=abc"));
      assertEquals(2, stats(out).count());
      assertEquals("two", statsRow(out, "second").getString(statsRow(out, "second").fieldIndex("label")));
      assertTrue(Files.isRegularFile(out.resolve("runs/from-csv/input/m.csv")), "the staged copy stays");

      Path out2 = dir.resolve("out2");
      JobHarness.Run p = run("--input", server.url("/lists/m.parquet"), "--output", out2.toString());
      assertEquals(0, p.exitCode(), p.err());
      assertEquals(1, server.requests("/lists/m.parquet"));
      Row row = statsRow(out2, "p");
      assertEquals(7L, row.getLong(row.fieldIndex("sku")));
      assertEquals("OK", row.getString(row.fieldIndex("status")));
    }
  }

  @Test
  void aManifestUrlThatFailsStopsTheRunNamingTheUrl() throws Exception {
    try (HttpTestServer server = HttpTestServer.start()) {
      Path out = dir.resolve("out");
      JobHarness.Run r = run("--input", server.url("/missing.csv"), "--output", out.toString());
      assertEquals(2, r.exitCode());
      assertTrue(r.err().contains("NOT_FOUND") && r.err().contains("/missing.csv"), r.err());
      assertEquals(1, server.requests("/missing.csv"));
    }
  }
}
