package io.upscaler.job.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.upscaler.core.image.DecodeLimits;
import io.upscaler.core.image.Image;
import io.upscaler.core.image.ImageDecoder;
import io.upscaler.core.resize.Filter;
import io.upscaler.core.resize.Resampler;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

class CropsTest {
  static Image example(String name) throws Exception {
    byte[] bytes = Files.readAllBytes(Path.of("..", "examples", name));
    return new ImageDecoder().decode(bytes, DecodeLimits.DEFAULT).image();
  }

  static BufferedImage jpeg(byte[] bytes) throws Exception {
    return ImageIO.read(new ByteArrayInputStream(bytes));
  }

  /** Mean absolute difference of the RGB samples of two equally sized images, 0..255. */
  static double meanDiff(BufferedImage a, BufferedImage b) {
    assertEquals(a.getWidth(), b.getWidth());
    assertEquals(a.getHeight(), b.getHeight());
    double sum = 0;
    for (int y = 0; y < a.getHeight(); y++) {
      for (int x = 0; x < a.getWidth(); x++) {
        int p = a.getRGB(x, y);
        int q = b.getRGB(x, y);
        for (int s = 0; s < 24; s += 8) {
          sum += Math.abs(((p >> s) & 255) - ((q >> s) & 255));
        }
      }
    }
    return sum / (3.0 * a.getWidth() * a.getHeight());
  }

  /** Where the output is itself a bicubic upscale, both crops must show the same pixels. */
  private static void cropsAlign(Image input, int ow, int oh) throws Exception {
    Image output = Resampler.resize(input, ow, oh, Filter.CUBIC, 8);
    RunReport.GalleryPair p = Crops.pair("a", 3, "m", input, output);
    int cw = Math.min(Crops.SIDE, ow);
    int ch = Math.min(Crops.SIDE, oh);
    assertArrayEquals(new int[] {(ow - cw) / 2, (oh - ch) / 2, cw, ch}, p.crop());
    BufferedImage before = jpeg(p.bicubicJpeg());
    BufferedImage after = jpeg(p.outputJpeg());
    assertEquals(cw, before.getWidth());
    assertEquals(ch, after.getHeight());
    double diff = meanDiff(before, after);
    assertTrue(diff < 2.0, "crops differ by " + diff + " on average at " + ow + "x" + oh);
  }

  @Test
  void theBicubicCropShowsTheSameRegionAsTheOutputCrop() throws Exception {
    Image astronaut = example("astronaut.jpg");
    cropsAlign(astronaut, 576, 576);      // x3
    cropsAlign(astronaut, 480, 480);      // x2.5
    cropsAlign(example("chelsea.webp"), 480, 320);
    cropsAlign(example("camera.png"), 384, 384); // grey
  }

  @Test
  void smallOutputsAreShownWhole() throws Exception {
    Image input = example("astronaut.jpg");
    Image small = Resampler.resize(input, 40, 30, Filter.CUBIC, 8);
    cropsAlign(small, 80, 60);
  }

  @Test
  void alphaIsFlattenedAndRegionsAreTheOutputsCentre() throws Exception {
    Image rgba = example("rocket-cutout.png");
    Image output = Resampler.resize(rgba, 960, 640, Filter.CUBIC, 8);
    RunReport.GalleryPair p = Crops.pair("rocket", 0, "m", rgba, output);
    assertArrayEquals(new int[] {384, 224, 192, 192}, p.crop());
    assertEquals(192, jpeg(p.outputJpeg()).getWidth());
    assertEquals(960, p.outputWidth());
    assertEquals(240, p.inputWidth());
  }
}
