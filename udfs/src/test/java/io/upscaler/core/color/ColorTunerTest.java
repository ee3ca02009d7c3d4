package io.upscaler.core.color;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.upscaler.core.image.Image;
import io.upscaler.core.resize.Filter;
import io.upscaler.core.resize.Resampler;
import org.junit.jupiter.api.Test;

class ColorTunerTest {

  @Test
  void aBrightnessAndTintDriftIsUndone() {
    Image in = Image.allocate(20, 20, 3, 8);
    for (int y = 0; y < 20; y++) {
      for (int x = 0; x < 20; x++) {
        in.setRaw(in.index(x, y), 40 + x * 8);
        in.setRaw(in.index(x, y) + 1, 60 + y * 6);
        in.setRaw(in.index(x, y) + 2, 100);
      }
    }
    Image drifted = Resampler.resize(in, 40, 40, Filter.CUBIC, 8);
    for (int i = 0; i < 40 * 40; i++) {
      drifted.setRaw(i * 3, (int) (drifted.raw(i * 3) * 0.8) + 30);
      drifted.setRaw(i * 3 + 2, drifted.raw(i * 3 + 2) + 25);
    }
    Image reference = Resampler.resize(in, 40, 40, Filter.CUBIC, 8);
    double before = maxMeanError(drifted, reference);
    ColorTuner.tune(in, drifted);
    double after = maxMeanError(drifted, reference);
    assertTrue(before > 15, "the drift is real: " + before);
    assertTrue(after < 1.5, "tuned channel means within 1.5 levels: " + after);
  }

  @Test
  void greyImagesTuneTheirOneChannel() {
    Image in = Image.allocate(10, 10, 1, 8);
    for (int i = 0; i < 100; i++) {
      in.setRaw(i, i * 2);
    }
    Image out = Resampler.resize(in, 20, 20, Filter.CUBIC, 8);
    for (int i = 0; i < 400; i++) {
      out.setRaw(i, out.raw(i) + 40);
    }
    ColorTuner.tune(in, out);
    Image ref = Resampler.resize(in, 20, 20, Filter.CUBIC, 8);
    assertEquals(mean(ref, 0), mean(out, 0), 1.0);
  }

  private static double maxMeanError(Image a, Image b) {
    double worst = 0;
    for (int c = 0; c < 3; c++) {
      worst = Math.max(worst, Math.abs(mean(a, c) - mean(b, c)));
    }
    return worst;
  }

  private static double mean(Image image, int c) {
    double sum = 0;
    int n = image.width() * image.height();
    for (int i = 0; i < n; i++) {
      sum += image.raw(i * image.channels() + c);
    }
    return sum / n;
  }
}
