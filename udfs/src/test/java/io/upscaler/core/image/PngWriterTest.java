package io.upscaler.core.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.upscaler.core.UpscaleException;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Random;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The fast PNG writer against the reference decoders: every layout, depth and level bit-exact. */
class PngWriterTest {
  private static final ImageDecoder DECODER = new ImageDecoder();

  /** A photo-like image: smooth gradients plus noise, so every filter branch and byte occurs. */
  static Image noisyGradient(int w, int h, int channels, int bits, long seed) {
    Image img = Image.allocate(w, h, channels, bits);
    Random random = new Random(seed);
    int max = img.maxValue();
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        for (int c = 0; c < channels; c++) {
          double smooth = ((x * (c + 1) + y * (3 - c)) % (w + h)) / (double) (w + h);
          int v = (int) (smooth * max) + random.nextInt(max / 8 + 1) - max / 16;
          img.setRaw(img.index(x, y) + c, v);
        }
      }
    }
    return img;
  }

  private static Image decode(byte[] png) throws UpscaleException {
    return DECODER.decode(png, DecodeLimits.DEFAULT).image();
  }

  @ParameterizedTest(name = "{0} channels, {1}-bit, level {2}, {3}x{4}")
  @CsvSource({
    "1, 8, 0, 61, 47", "2, 8, 1, 61, 47", "3, 8, 1, 61, 47", "4, 8, 6, 61, 47",
    "1, 16, 1, 61, 47", "2, 16, 9, 61, 47", "3, 16, 4, 61, 47", "4, 16, 0, 61, 47",
    "3, 8, 1, 1, 1", "4, 16, 1, 1, 9", "1, 8, 9, 9, 1", "3, 8, 2, 300, 300"
  })
  void decodesToExactlyTheSamplesWritten(int channels, int bits, int level, int w, int h)
      throws Exception {
    Image img = noisyGradient(w, h, channels, bits, 7L * channels + bits + level);
    byte[] png = PngWriter.forThread().write(img, level, false, null);
    assertTrue(TestImages.identical(img, decode(png)), "our decoder path");
    // The JDK's own PNG reader, without our conversion code in between, agrees too.
    BufferedImage jdk = ImageIO.read(new ByteArrayInputStream(png));
    assertEquals(w, jdk.getWidth());
    int[] px = jdk.getRaster().getPixel(w - 1, h - 1, new int[channels]);
    for (int c = 0; c < channels; c++) {
      assertEquals(img.raw(img.index(w - 1, h - 1) + c), px[c], "JDK reader, channel " + c);
    }
  }

  @Test
  void largeOutputsSpanSeveralIdatChunksAndBuffersAreReused() throws Exception {
    PngWriter writer = PngWriter.forThread();
    Image big = noisyGradient(400, 400, 4, 8, 1);
    byte[] stored = writer.write(big, 0, true, null);
    assertEquals(3, countChunks(stored, "IDAT"), "640 kB stored in chunks of 256 KiB");
    Image small = noisyGradient(5, 3, 3, 8, 2);
    assertTrue(TestImages.identical(small, decode(writer.write(small, 1, false, null))));
    assertTrue(TestImages.identical(big, decode(writer.write(big, 1, false, null))));
  }

  @Test
  void higherLevelsWriteSmallerFiles() {
    Image img = noisyGradient(200, 150, 3, 8, 3);
    PngWriter w = PngWriter.forThread();
    int stored = w.write(img, 0, false, null).length;
    int fast = w.write(img, 1, false, null).length;
    int best = w.write(img, 9, false, null).length;
    assertTrue(fast < stored && best < fast, stored + " / " + fast + " / " + best);
  }

  @Test
  void srgbAndExifChunksFollowTheHeader() {
    byte[] exif = {'M', 'M', 0, 42, 0, 0, 0, 8, 0, 0};
    byte[] png = PngWriter.forThread().write(noisyGradient(4, 4, 3, 8, 4), 1, true, exif);
    assertEquals("sRGB", new String(png, 8 + 25 + 4, 4, java.nio.charset.StandardCharsets.ISO_8859_1));
    assertEquals(1, countChunks(png, "sRGB"));
    assertEquals(1, countChunks(png, "eXIf"));
  }

  @Test
  void paethPredictorEqualsTheSpecificationForEveryInput() {
    for (int a = 0; a < 256; a++) {
      for (int b = 0; b < 256; b++) {
        for (int c = 0; c < 256; c++) {
          int p = a + b - c;
          int pa = Math.abs(p - a);
          int pb = Math.abs(p - b);
          int pc = Math.abs(p - c);
          int expected = pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
          if (PngFilters.predictor(a, b, c) != expected) {
            assertEquals(expected, PngFilters.predictor(a, b, c), a + "," + b + "," + c);
          }
        }
      }
    }
  }

  @Test
  void levelsOutsideZeroToNineAreRefused() {
    Image img = noisyGradient(2, 2, 1, 8, 5);
    assertThrows(IllegalArgumentException.class, () -> PngWriter.forThread().write(img, 10, false, null));
    assertThrows(IllegalArgumentException.class,
        () -> EncodeOptions.of(ImageFormat.PNG).withPngCompression(-1));
  }

  private static int countChunks(byte[] png, String type) {
    int n = 0;
    for (int at = 8; at < png.length; ) {
      int len = ((png[at] & 0xFF) << 24) | ((png[at + 1] & 0xFF) << 16)
          | ((png[at + 2] & 0xFF) << 8) | (png[at + 3] & 0xFF);
      if (new String(png, at + 4, 4, java.nio.charset.StandardCharsets.ISO_8859_1).equals(type)) {
        n++;
      }
      at += 12 + len;
    }
    return n;
  }
}
