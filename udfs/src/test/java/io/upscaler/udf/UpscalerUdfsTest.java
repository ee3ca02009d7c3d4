package io.upscaler.udf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UpscalerUdfsTest {
  private static SparkSession spark;
  @TempDir static Path dir;

  @BeforeAll
  static void start() throws Exception {
    spark = SparkSession.builder().master("local[2]").appName("udf-tests")
        .config("spark.driver.host", "127.0.0.1").config("spark.driver.bindAddress", "127.0.0.1")
        .config("spark.ui.enabled", "false").config("spark.sql.shuffle.partitions", "2")
        .getOrCreate();
    UpscalerUdfs.register(spark);
    write(dir.resolve("a.png"), 12, 9, "png");
    write(dir.resolve("b.jpg"), 8, 8, "jpg");
    Files.writeString(dir.resolve("c.jpg"), "not an image");
    spark.read().format("binaryFile").load(dir.toString()).createOrReplaceTempView("images");
  }

  @AfterAll
  static void stop() {
    spark.stop();
  }

  @Test
  void upscaleImageOverTheBinaryFileSource() throws Exception {
    Map<String, byte[]> out = new HashMap<>();
    for (Row r : spark.sql("SELECT path, upscale_image(content, 2) FROM images").collectAsList()) {
      out.put(Path.of(new java.net.URI(r.getString(0))).getFileName().toString(), (byte[]) r.get(1));
    }
    BufferedImage a = ImageIO.read(new ByteArrayInputStream(out.get("a.png")));
    assertEquals(24, a.getWidth());
    assertEquals(18, a.getHeight());
    BufferedImage b = ImageIO.read(new ByteArrayInputStream(out.get("b.jpg")));
    assertEquals(16, b.getWidth());
    assertNull(out.get("c.jpg"), "not an image: NULL, the query goes on");
  }

  @Test
  void aNamedModelAndAnyScale() throws Exception {
    List<Row> rows =
        spark.sql("SELECT upscale_image(content, 1.5, 'esrgan-slim-x4') FROM images"
            + " WHERE path LIKE '%a.png'").collectAsList();
    BufferedImage a = ImageIO.read(new ByteArrayInputStream((byte[]) rows.get(0).get(0)));
    assertEquals(18, a.getWidth());
    assertEquals(14, a.getHeight());
  }

  @Test
  void anUnknownModelGivesNull() {
    List<Row> rows =
        spark.sql("SELECT upscale_image(content, 2, 'no-such-model') FROM images"
            + " WHERE path LIKE '%a.png'").collectAsList();
    assertNull(rows.get(0).get(0));
  }

  @Test
  void imageInfoReadsHeaders() {
    Map<String, Row> info = new HashMap<>();
    for (Row r : spark.sql("SELECT path, image_info(content) FROM images").collectAsList()) {
      info.put(r.getString(0).replaceAll(".*/", ""), r.getStruct(1));
    }
    Row a = info.get("a.png");
    assertNotNull(a);
    assertEquals("png", a.getAs("format"));
    assertEquals(12, (int) a.getAs("width"));
    assertEquals(9, (int) a.getAs("height"));
    assertEquals(3, (int) a.getAs("channels"));
    assertEquals(8, (int) a.getAs("bit_depth"));
    assertEquals(false, a.getAs("has_alpha"));
    assertEquals("jpeg", info.get("b.jpg").getAs("format"));
    assertNull(info.get("c.jpg"));
  }

  @Test
  void wrongArgumentCountsAreRefused() {
    Exception e =
        assertThrows(Exception.class, () -> spark.sql("SELECT upscale_image(content) FROM images").collect());
    assertTrue(e.getMessage().contains("upscale_image"), e.getMessage());
  }

  private static void write(Path file, int w, int h, String format) throws Exception {
    BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        img.setRGB(x, y, new Color(x * 20 % 256, y * 25 % 256, 120).getRGB());
      }
    }
    ImageIO.write(img, format, file.toFile());
  }
}
