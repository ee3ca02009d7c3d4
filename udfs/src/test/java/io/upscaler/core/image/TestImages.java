package io.upscaler.core.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** Shared fixtures: corpus files, synthetic images and pixel assertions. */
final class TestImages {
  /** Upright quadrant colours of the corpus reference picture (TL, TR, BL, BR). */
  static final int[][] QUAD_RGB = {{255, 0, 0}, {0, 255, 0}, {0, 0, 255}, {255, 255, 255}};
  /** The same quadrants converted to grey by ImageMagick (Rec. 709 luma of encoded values). */
  static final int[] QUAD_GREY = {54, 182, 18, 255};

  private TestImages() {}

  static byte[] corpus(String path) {
    try (InputStream in = TestImages.class.getResourceAsStream("/images/" + path)) {
      if (in == null) {
        throw new IllegalArgumentException("no test image " + path);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Samples at the centre of quadrant q (0 TL, 1 TR, 2 BL, 3 BR). */
  static int[] quadrant(Image img, int q) {
    int x = (q % 2 == 0 ? 1 : 3) * img.width() / 4;
    int y = (q < 2 ? 1 : 3) * img.height() / 4;
    int[] s = new int[img.channels()];
    for (int c = 0; c < s.length; c++) {
      s[c] = img.raw(img.index(x, y) + c);
    }
    return s;
  }

  /** Asserts the four quadrant colours (8-bit scale) within a tolerance. */
  static void assertQuadrants(Image img, int[][] expected, int tolerance, String what) {
    for (int quad = 0; quad < 4; quad++) {
      int q = quad;
      int[] got = quadrant(img, q);
      for (int c = 0; c < expected[q].length; c++) {
        int g = img.bitDepth() == 16 ? Math.round(got[c] / 257f) : got[c];
        assertTrue(Math.abs(g - expected[q][c]) <= tolerance, () -> what + ": quadrant "
            + java.util.Arrays.toString(expected[q]) + " came out "
            + java.util.Arrays.toString(got));
      }
    }
  }

  /** A smooth synthetic image (gradients per channel) of any layout. */
  static Image gradient(int w, int h, int channels, int bitDepth) {
    Image img = Image.allocate(w, h, channels, bitDepth);
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        for (int c = 0; c < channels; c++) {
          float v = (c % 3 == 0) ? x / (float) (w - 1) : (c % 3 == 1) ? y / (float) (h - 1)
              : (x + y) / (float) (w + h - 2);
          boolean alpha = (channels == 2 && c == 1) || (channels == 4 && c == 3);
          img.set(x, y, c, alpha ? 0.25f + 0.75f * x / (w - 1) : v);
        }
      }
    }
    return img;
  }

  /** Largest absolute sample difference, at the 8-bit scale. */
  static int maxDiff(Image a, Image b) {
    assertEquals(a.width(), b.width(), "width");
    assertEquals(a.height(), b.height(), "height");
    assertEquals(a.channels(), b.channels(), "channels");
    int n = a.width() * a.height() * a.channels();
    double scaleA = 255.0 / a.maxValue();
    double scaleB = 255.0 / b.maxValue();
    double max = 0;
    for (int i = 0; i < n; i++) {
      max = Math.max(max, Math.abs(a.raw(i) * scaleA - b.raw(i) * scaleB));
    }
    return (int) Math.ceil(max - 1e-9);
  }

  /** Mean absolute sample difference, at the 8-bit scale. */
  static double meanDiff(Image a, Image b) {
    int n = a.width() * a.height() * a.channels();
    double sum = 0;
    for (int i = 0; i < n; i++) {
      sum += Math.abs(a.raw(i) * 255.0 / a.maxValue() - b.raw(i) * 255.0 / b.maxValue());
    }
    return sum / n;
  }

  /** Whether two images hold identical samples at the same depth. */
  static boolean identical(Image a, Image b) {
    if (a.width() != b.width() || a.height() != b.height() || a.channels() != b.channels()
        || a.bitDepth() != b.bitDepth()) {
      return false;
    }
    int n = a.width() * a.height() * a.channels();
    for (int i = 0; i < n; i++) {
      if (a.raw(i) != b.raw(i)) {
        return false;
      }
    }
    return true;
  }
}
