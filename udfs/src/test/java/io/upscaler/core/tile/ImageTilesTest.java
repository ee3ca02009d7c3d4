package io.upscaler.core.tile;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.upscaler.core.image.Image;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The array-level sources and sinks equal the per-sample definitions through Image's accessors. */
class ImageTilesTest {
  @ParameterizedTest(name = "{0} channels, {1}-bit")
  @CsvSource({"1, 8", "2, 8", "3, 8", "4, 8", "1, 16", "2, 16", "3, 16", "4, 16"})
  void colourSinkRoundsAndClampsLikeImageSet(int channels, int bits) {
    int w = 13;
    int h = 9;
    float[] src = outputs(3 * w * h, channels * 31L + bits);
    Image fast = Image.allocate(20, 15, channels, bits);
    ImageTiles.colorSink(fast).write(4, 3, w, h, src, 0, w, w * h);
    Image reference = Image.allocate(20, 15, channels, bits);
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        int s = y * w + x;
        float r = src[s];
        float g = src[s + w * h];
        float b = src[s + 2 * w * h];
        if (reference.isGrey()) {
          reference.set(4 + x, 3 + y, 0, 0.299f * r + 0.587f * g + 0.114f * b);
        } else {
          reference.set(4 + x, 3 + y, 0, r);
          reference.set(4 + x, 3 + y, 1, g);
          reference.set(4 + x, 3 + y, 2, b);
        }
      }
    }
    assertSameSamples(reference, fast);
  }

  @ParameterizedTest(name = "{0} channels, {1}-bit")
  @CsvSource({"1, 8", "2, 8", "3, 8", "4, 8", "1, 16", "2, 16", "3, 16", "4, 16"})
  void sourcesReadTheSamplesScaledToOne(int channels, int bits) {
    Image img = Image.allocate(11, 7, channels, bits);
    Random random = new Random(channels * 7L + bits);
    for (int i = 0; i < 11 * 7 * channels; i++) {
      img.setRaw(i, random.nextInt(img.maxValue() + 1));
    }
    float[] colour = new float[2 + 3 * 5 * 4];
    ImageTiles.color(img).read(3, 2, 5, 4, colour, 2);
    for (int y = 0; y < 4; y++) {
      for (int x = 0; x < 5; x++) {
        for (int p = 0; p < 3; p++) {
          int c = img.isGrey() ? 0 : p;
          float expected = img.raw(img.index(3 + x, 2 + y) + c) * (1f / img.maxValue());
          assertEquals(expected, colour[2 + p * 20 + y * 5 + x], "colour plane " + p);
        }
      }
    }
    if (img.hasAlpha()) {
      float[] alpha = new float[3 * 5 * 4];
      ImageTiles.alpha(img).read(3, 2, 5, 4, alpha, 0);
      float expected = img.raw(img.index(7, 5) + channels - 1) * (1f / img.maxValue());
      assertEquals(expected, alpha[3 * 5 + 4]);
      assertEquals(expected, alpha[2 * 20 + 3 * 5 + 4]);
    }
  }

  /** Values across and beyond 0..1, with the edge cases of rounding and NaN. */
  private static float[] outputs(int n, long seed) {
    Random random = new Random(seed);
    float[] v = new float[n];
    for (int i = 0; i < n; i++) {
      v[i] = random.nextFloat() * 1.2f - 0.1f;
    }
    v[0] = Float.NaN;
    v[1] = 0.5f / 255f;
    v[2] = 0.49999997f / 255f;
    v[3] = Float.POSITIVE_INFINITY;
    v[4] = Float.NEGATIVE_INFINITY;
    return v;
  }

  private static void assertSameSamples(Image expected, Image actual) {
    int n = expected.width() * expected.height() * expected.channels();
    int[] e = new int[n];
    int[] a = new int[n];
    for (int i = 0; i < n; i++) {
      e[i] = expected.raw(i);
      a[i] = actual.raw(i);
    }
    assertArrayEquals(e, a);
  }
}
