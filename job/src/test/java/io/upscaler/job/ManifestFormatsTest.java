package io.upscaler.job;

import static io.upscaler.job.JobHarness.read;
import static io.upscaler.job.JobHarness.run;
import static io.upscaler.job.JobHarness.stats;
import static io.upscaler.job.JobHarness.statsRow;
import static io.upscaler.job.JobHarness.writeImage;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.upscaler.job.testing.DataFrameAssertions;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every manifest kind runs end to end: outputs, sizes, formats, one statistics row per row. */
class ManifestFormatsTest {
  @TempDir Path dir;

  @Test
  void parquetManifestHonoursOverridesAndKeepsPassThroughColumns() throws Exception {
    Path a = writeImage(dir.resolve("in/a.png"), 20, 14, "png");
    Path b = writeImage(dir.resolve("in/b.jpg"), 16, 12, "jpg");
    Path c = writeImage(dir.resolve("in/c.png"), 10, 10, "png");
    StructType schema = new StructType()
        .add("id", DataTypes.StringType).add("uri", DataTypes.StringType)
        .add("sku", DataTypes.LongType).add("brand", DataTypes.StringType)
        .add("scale", DataTypes.DoubleType).add("width", DataTypes.IntegerType)
        .add("format", DataTypes.StringType).add("quality", DataTypes.IntegerType);
    List<Row> rows = List.of(
        RowFactory.create("shoes/a", a.toString(), 101L, "acme", null, null, null, null),
        RowFactory.create("b", b.toString(), 102L, "zeta", 3.0, null, "png", null),
        RowFactory.create("c", c.toString(), 103L, null, null, 25, "jpeg", 40));
    Path manifest = dir.resolve("manifest.parquet");
    JobHarness.spark().createDataFrame(rows, schema).write().parquet(manifest.toString());
    Path out = dir.resolve("out");

    JobHarness.Run r = run("--input", manifest.toString(), "--output", out.toString());

    assertEquals(0, r.exitCode(), r.err());
    assertEquals(3, stats(out).count());
    BufferedImage outA = read(out.resolve("images/shoes/a.png"));
    assertEquals(40, outA.getWidth());
    assertEquals(28, outA.getHeight());
    BufferedImage outB = read(out.resolve("images/b.png"));
    assertEquals(48, outB.getWidth(), "row scale 3 overrides run scale 2");
    BufferedImage outC = read(out.resolve("images/c.jpg"));
    assertEquals(25, outC.getWidth(), "row width 25");
    assertEquals(25, outC.getHeight());
    Row sa = statsRow(out, "shoes/a");
    assertEquals(101L, sa.getLong(sa.fieldIndex("sku")));
    assertEquals("acme", sa.getString(sa.fieldIndex("brand")));
    assertEquals("OK", sa.getString(sa.fieldIndex("status")));
    assertEquals("png", sa.getString(sa.fieldIndex("output_format")));
    DataFrameAssertions.assertDataFrameNoOrderEquals(
        JobHarness.spark().createDataFrame(List.of(
            RowFactory.create("shoes/a", 101L, "acme"), RowFactory.create("b", 102L, "zeta"),
            RowFactory.create("c", 103L, null)),
            new StructType().add("id", DataTypes.StringType).add("sku", DataTypes.LongType)
                .add("brand", DataTypes.StringType)),
        stats(out).select("id", "sku", "brand"));
    Row sc = statsRow(out, "c");
    assertEquals("jpeg", sc.getString(sc.fieldIndex("output_format")));
    assertTrue(sc.isNullAt(sc.fieldIndex("brand")));
  }

  @Test
  void csvManifestDerivesIdsAndFailsOnlyTheBadImage() throws Exception {
    Path good1 = writeImage(dir.resolve("img/cat/one.png"), 12, 9, "png");
    Path good2 = writeImage(dir.resolve("img/two.jpg"), 12, 9, "jpg");
    Path text = dir.resolve("img/notes.jpg");
    Files.writeString(text, "this is not a picture\n");
    Path csv = dir.resolve("m.csv");
    Files.writeString(csv, "uri,label\n" + good1 + ",first\n" + good2 + ",second\n" + text + ",third\n");
    Path out = dir.resolve("out");

    JobHarness.Run strict = run("--input", csv.toString(), "--output", out.toString());
    assertEquals(3, strict.exitCode(), "1 of 3 failed, over the default ratio 0: " + strict.out());

    String base = dir.resolve("img").toString().replaceFirst("^/", "");
    Row bad = statsRow(out, base + "/notes");
    assertEquals("FAILED", bad.getString(bad.fieldIndex("status")));
    assertEquals("UNSUPPORTED_FORMAT", bad.getString(bad.fieldIndex("error_class")));
    assertEquals("third", bad.getString(bad.fieldIndex("label")));
    assertTrue(Files.exists(out.resolve("images/" + base + "/cat/one.png")));
    assertEquals(3, stats(out).count());

    Path out2 = dir.resolve("out2");
    JobHarness.Run lenient =
        run("--input", csv.toString(), "--output", out2.toString(), "--max-failure-ratio", "0.5");
    assertEquals(0, lenient.exitCode(), lenient.err());
  }

  @Test
  void jsonLinesManifestWithInlineBase64AndOverrides() throws Exception {
    Path a = writeImage(dir.resolve("a.png"), 14, 10, "png");
    String b64 = java.util.Base64.getEncoder().encodeToString(JobHarness.imageBytes(8, 8, "png"));
    Path json = dir.resolve("m.jsonl");
    Files.writeString(json,
        "{\"id\":\"x\",\"uri\":\"" + a + "\",\"tune_colors\":true,\"tags\":[\"a\",\"b\"]}\n"
            + "{\"id\":\"y\",\"content\":\"" + b64 + "\",\"format\":\"webp\"}\n");
    Path out = dir.resolve("out");

    JobHarness.Run r = run("--input", json.toString(), "--output", out.toString());

    assertEquals(0, r.exitCode(), r.err() + r.out());
    assertEquals(28, read(out.resolve("images/x.png")).getWidth());
    Row y = statsRow(out, "y");
    assertEquals("inline", y.getString(y.fieldIndex("source")));
    assertEquals("webp", y.getString(y.fieldIndex("output_format")));
    assertTrue(Files.exists(out.resolve("images/y.webp")));
    Row x = statsRow(out, "x");
    assertEquals(List.of("a", "b"), x.getList(x.fieldIndex("tags")));
  }

  @Test
  void parquetWithBinaryContentNeedsNoUri() throws Exception {
    StructType schema = new StructType()
        .add("id", DataTypes.StringType).add("content", DataTypes.BinaryType);
    List<Row> rows = List.of(
        RowFactory.create("p", JobHarness.imageBytes(9, 7, "png")),
        RowFactory.create("q", JobHarness.imageBytes(7, 9, "jpg")));
    Path manifest = dir.resolve("inline.parquet");
    JobHarness.spark().createDataFrame(rows, schema).write().parquet(manifest.toString());
    Path out = dir.resolve("out");

    JobHarness.Run r = run("--input", manifest.toString(), "--output", out.toString());

    assertEquals(0, r.exitCode(), r.err());
    assertEquals(18, read(out.resolve("images/p.png")).getWidth());
    assertEquals(18, read(out.resolve("images/q.jpg")).getHeight());
  }

  @Test
  void aSingleImageFileIsAManifestOfOneRow() throws Exception {
    Path a = writeImage(dir.resolve("one/pic.png"), 10, 6, "png");
    Path out = dir.resolve("out");
    JobHarness.Run r = run("--input", a.toString(), "--output", out.toString());
    assertEquals(0, r.exitCode(), r.err());
    assertEquals(20, read(out.resolve("images/pic.png")).getWidth());
    assertEquals(1, stats(out).count());
  }

  @Test
  void aFolderOfImagesIsAManifestWithRelativeIds() throws Exception {
    writeImage(dir.resolve("photos/x.png"), 10, 6, "png");
    writeImage(dir.resolve("photos/sub/deeper/y.jpg"), 6, 10, "jpg");
    writeImage(dir.resolve("photos/sub/z.png"), 5, 5, "png-alpha");
    Path out = dir.resolve("out");

    JobHarness.Run r = run("--input", dir.resolve("photos").toString(), "--output", out.toString());

    assertEquals(0, r.exitCode(), r.err());
    assertEquals(3, stats(out).count());
    assertEquals(20, read(out.resolve("images/x.png")).getWidth());
    assertEquals(20, read(out.resolve("images/sub/deeper/y.jpg")).getHeight());
    BufferedImage z = read(out.resolve("images/sub/z.png"));
    assertTrue(z.getColorModel().hasAlpha(), "alpha kept");
  }

  @Test
  void aFolderTheDriverListedWholeIsCheckedWithoutASparkJob() throws Exception {
    writeImage(dir.resolve("few/x.png"), 10, 6, "png");
    writeImage(dir.resolve("few/sub/y.jpg"), 6, 10, "jpg");
    writeImage(dir.resolve("few/z.png"), 5, 5, "png");
    String input = dir.resolve("few").toString();

    assertEquals(new JobsAndRows(0, 3), readCountingJobs("--input", input));
    // The control: under --limit the rows are Spark's to choose, so one query counts them.
    assertEquals(new JobsAndRows(1, 2), readCountingJobs("--input", input, "--limit", "2"));
  }

  record JobsAndRows(int jobs, long rows) {}

  /** Reads the manifest of {@code args} alone, counting the Spark jobs the reading launched. */
  private JobsAndRows readCountingJobs(String... args) throws java.util.concurrent.TimeoutException {
    org.apache.spark.sql.SparkSession spark = JobHarness.spark();
    java.util.List<String> all = new java.util.ArrayList<>(List.of(args));
    all.addAll(List.of("--output", dir.resolve("unused").toString()));
    io.upscaler.job.config.JobConfig config = io.upscaler.job.config.ConfigParser.resolve(
        io.upscaler.job.config.ConfigParser.parseCommandLine(all.toArray(new String[0])), java.util.Map.of());
    java.util.concurrent.atomic.AtomicInteger jobs = new java.util.concurrent.atomic.AtomicInteger();
    org.apache.spark.scheduler.SparkListener counter = new org.apache.spark.scheduler.SparkListener() {
      @Override
      public void onJobStart(org.apache.spark.scheduler.SparkListenerJobStart e) {
        jobs.incrementAndGet();
      }
    };
    spark.sparkContext().listenerBus().waitUntilEmpty();
    spark.sparkContext().addSparkListener(counter);
    try {
      long rows = io.upscaler.job.manifest.ManifestReader.read(spark, config).count();
      spark.sparkContext().listenerBus().waitUntilEmpty();
      return new JobsAndRows(jobs.get(), rows);
    } finally {
      spark.sparkContext().removeSparkListener(counter);
    }
  }
}
