package io.upscaler.core.resize;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.upscaler.core.image.Image;
import org.junit.jupiter.api.Test;

class ResamplerTest {

  @Test
  void sameSizeIsIdentityForLanczosAndCubic() {
    Image src = gradient(13, 7, 3);
    for (Filter f : new Filter[] {Filter.LANCZOS3, Filter.CUBIC}) {
      Image out = Resampler.resize(src, 13, 7, f, 8);
      for (int i = 0; i < 13 * 7 * 3; i++) {
        assertEquals(src.raw(i), out.raw(i), f + " sample " + i);
      }
    }
  }

  @Test
  void flatImagesStayFlatAtAnySize() {
    Image src = Image.allocate(9, 5, 3, 16);
    for (int i = 0; i < 9 * 5 * 3; i++) {
      src.setRaw(i, 30000 + (i % 3) * 1000);
    }
    for (int[] size : new int[][] {{1, 1}, {2, 17}, {27, 15}, {100, 3}}) {
      Image out = Resampler.resize(src, size[0], size[1], Filter.LANCZOS3, 16);
      assertEquals(size[0], out.width());
      assertEquals(size[1], out.height());
      for (int y = 0; y < size[1]; y++) {
        for (int x = 0; x < size[0]; x++) {
          for (int c = 0; c < 3; c++) {
            assertEquals(30000 + c * 1000, out.raw(out.index(x, y) + c), 1);
          }
        }
      }
    }
  }

  @Test
  void downscalingAveragesAFineCheckerboardToGrey() {
    Image src = Image.allocate(64, 64, 1, 8);
    for (int y = 0; y < 64; y++) {
      for (int x = 0; x < 64; x++) {
        src.setRaw(src.index(x, y), ((x + y) & 1) == 0 ? 255 : 0);
      }
    }
    Image out = Resampler.resize(src, 8, 8, Filter.LANCZOS3, 8);
    for (int i = 0; i < 64; i++) {
      assertEquals(128, out.raw(i), 3, "antialiased, not aliased");
    }
  }

  @Test
  void upscalingKeepsARampMonotonicAndEndsInRange() {
    Image src = gradient(10, 1, 1);
    Image out = Resampler.resize(src, 37, 1, Filter.CUBIC, 8);
    for (int x = 1; x < 37; x++) {
      assertTrue(out.raw(x) >= out.raw(x - 1), "monotonic at " + x);
    }
  }

  @Test
  void transparentPixelsDoNotBleedColourIntoVisibleOnes() {
    Image src = Image.allocate(4, 1, 4, 8);
    // Left half opaque red, right half fully transparent green.
    for (int x = 0; x < 4; x++) {
      int i = src.index(x, 0);
      src.setRaw(i, x < 2 ? 255 : 0);
      src.setRaw(i + 1, x < 2 ? 0 : 255);
      src.setRaw(i + 3, x < 2 ? 255 : 0);
    }
    Image out = Resampler.resize(src, 16, 1, Filter.LANCZOS3, 8);
    for (int x = 0; x < 16; x++) {
      int i = out.index(x, 0);
      if (out.raw(i + 3) > 10) {
        assertTrue(out.raw(i + 1) < 20, "green bled into visible pixel " + x + ": " + out.raw(i + 1));
      }
    }
  }

  @Test
  void writesOnlyTheSelectedChannels() {
    Image src = gradient(5, 5, 2);
    Image dst = Image.allocate(10, 10, 4, 8);
    Resampler.resizeInto(src, 1, 1, 10, 10, Filter.CUBIC, dst, 3);
    for (int i = 0; i < 100; i++) {
      assertEquals(0, dst.raw(i * 4), "colour untouched");
    }
  }

  static Image gradient(int w, int h, int channels) {
    Image image = Image.allocate(w, h, channels, 8);
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        for (int c = 0; c < channels; c++) {
          image.setRaw(image.index(x, y) + c, (x * 255 / Math.max(1, w - 1) + c * 20 + y) % 256);
        }
      }
    }
    return image;
  }
}
