package io.upscaler.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.upscaler.core.image.Image;
import io.upscaler.core.infer.DeviceRequest;
import io.upscaler.core.infer.SessionCache;
import io.upscaler.core.resize.Filter;
import io.upscaler.core.resize.Resampler;
import io.upscaler.models.ModelCard;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

class UpscalerTest {
  private static final TinyModels.Model X2 = TinyModels.srNet(2, 21, 1.0);
  private static final TinyModels.Model X4 = TinyModels.srNet(4, 22, 1.0);
  private static final Map<String, byte[]> BYTES =
      Map.of(X2.card().id(), X2.bytes(), X4.card().id(), X4.bytes());
  private static final SessionCache CACHE = new SessionCache(4);
  private static final Upscaler UPSCALER =
      new Upscaler(CACHE, card -> BYTES.get(card.id()), DeviceRequest.cpu(1), 0);
  private static final List<ModelCard> FAMILY = List.of(X2.card(), X4.card());

  @AfterAll
  static void close() {
    CACHE.close();
  }

  @Test
  void aNativeScaleRunsOneModelWithoutResampling() throws Exception {
    Image in = noise(21, 13, 3, 8);
    UpscaleResult r = UPSCALER.upscale(in, request(new TargetSize.Factor(4)));
    assertEquals(84, r.image().width());
    assertEquals(52, r.image().height());
    assertEquals(X4.card().id(), r.models());
    assertEquals("cpu", r.device());
    assertEquals(0, r.resampleNanos(), 1_000_000, "no resampling work");
  }

  @Test
  void anyFactorGivesExactlyRoundedDimensions() throws Exception {
    Image in = noise(21, 13, 3, 8);
    UpscaleResult r = UPSCALER.upscale(in, request(new TargetSize.Factor(1.5)));
    assertEquals(32, r.image().width());
    assertEquals(20, r.image().height());
    assertEquals(X2.card().id(), r.models());
    UpscaleResult w = UPSCALER.upscale(in, request(new TargetSize.Width(100)));
    assertEquals(100, w.image().width());
    assertEquals(62, w.image().height());
  }

  @Test
  void factorsBeyondTheLargestModelChainPasses() throws Exception {
    UpscaleResult r =
        UPSCALER.upscale(noise(5, 4, 3, 8), request(new TargetSize.Factor(16)).withTile(4, 2, -1));
    assertEquals(X4.card().id() + "+" + X4.card().id(), r.models());
    assertEquals(80, r.image().width());
    assertTrue(r.tiles().tiles() > 2, "second pass tiled its larger input");
  }

  @Test
  void aTargetSmallerThanTheInputOnlyResamples() throws Exception {
    UpscaleResult r = UPSCALER.upscale(noise(40, 20, 3, 8), request(new TargetSize.Width(20)));
    assertEquals("none", r.models());
    assertEquals(20, r.image().width());
    assertEquals(10, r.image().height());
    assertEquals(0, r.tiles().tiles());
  }

  @Test
  void greyComesBackGreyAndSixteenBitStaysSixteenBit() throws Exception {
    Image grey16 = noise(9, 7, 1, 16);
    Image out = UPSCALER.upscale(grey16, request(new TargetSize.Factor(2))).image();
    assertEquals(1, out.channels());
    assertEquals(16, out.bitDepth());
    assertTrue(offEightBitGrid(out) > 0.9, "uses 16-bit precision, not 8-bit steps");
  }

  @Test
  void alphaIsUpscaledBicubicallyBesideTheModelsColour() throws Exception {
    Image rgba = noise(12, 10, 4, 8);
    Image out = UPSCALER.upscale(rgba, request(new TargetSize.Factor(2))).image();
    assertEquals(4, out.channels());
    Image alphaOnly = Image.allocate(24, 20, 1, 8);
    Resampler.resizeInto(rgba, 3, 1, 24, 20, Filter.CUBIC, alphaOnly, 0);
    for (int i = 0; i < 24 * 20; i++) {
      assertEquals(alphaOnly.raw(i), out.raw(i * 4 + 3));
    }
  }

  @Test
  void alphaThroughTheModelRunsTheModelTwice() throws Exception {
    Image rgba = noise(12, 10, 4, 8);
    UpscaleRequest req = request(new TargetSize.Factor(2)).withAlphaMode(AlphaMode.MODEL);
    UpscaleResult r = UPSCALER.upscale(rgba, req);
    assertEquals(2, r.tiles().tiles());
    assertEquals(4, r.image().channels());
  }

  @Test
  void greyWithAlphaKeepsBoth() throws Exception {
    Image ga = noise(6, 6, 2, 8);
    Image out = UPSCALER.upscale(ga, request(new TargetSize.Factor(3))).image();
    assertEquals(2, out.channels());
    assertEquals(18, out.width());
  }

  @Test
  void finishingOnAnotherThreadGivesWhatUpscaleGives() throws Exception {
    Image rgba = noise(13, 9, 4, 8);
    UpscaleRequest req = request(new TargetSize.Factor(1.7)).withTuneColors(true);
    Image whole = UPSCALER.upscale(rgba, req).image();
    Upscaler.Inferred inferred = UPSCALER.infer(rgba, req);
    Image[] finished = new Image[1];
    Thread writer = new Thread(() -> finished[0] = UPSCALER.finish(inferred).image());
    writer.start();
    writer.join();
    assertEquals(whole.width(), finished[0].width());
    for (int i = 0; i < whole.width() * whole.height() * 4; i++) {
      assertEquals(whole.raw(i), finished[0].raw(i), "sample " + i);
    }
  }

  @Test
  void outputsOverTheLimitAreRefusedBeforeAnyWork() {
    UpscaleRequest req = request(new TargetSize.Factor(4)).withMaxOutputPixels(1000);
    UpscaleException e =
        assertThrows(UpscaleException.class, () -> UPSCALER.upscale(noise(10, 10, 3, 8), req));
    assertEquals(ErrorClass.OUTPUT_TOO_LARGE, e.errorClass());
    assertTrue(e.getMessage().contains("40x40"), e.getMessage());
  }

  @Test
  void tunedColoursMatchTheInputsStatistics() throws Exception {
    Image in = noise(16, 16, 3, 8);
    Image tuned =
        UPSCALER.upscale(in, request(new TargetSize.Factor(2)).withTuneColors(true)).image();
    Image reference = Resampler.resize(in, 32, 32, Filter.CUBIC, 8);
    for (int c = 0; c < 3; c++) {
      assertEquals(mean(reference, c), mean(tuned, c), 3.0, "channel " + c);
    }
  }

  static UpscaleRequest request(TargetSize target) {
    return UpscaleRequest.of(FAMILY, target).withTile(8, 2, -1);
  }

  static double mean(Image image, int c) {
    double sum = 0;
    int n = image.width() * image.height();
    for (int i = 0; i < n; i++) {
      sum += image.raw(i * image.channels() + c);
    }
    return sum / n;
  }

  /**
   * Of the unclamped samples, the share that is not an 8-bit value widened to 16 bits (multiples
   * of 257); about 1.0 for real 16-bit output, 0 for 8-bit output stored in 16 bits.
   */
  static double offEightBitGrid(Image image) {
    int inRange = 0;
    int off = 0;
    for (int i = 0; i < image.width() * image.height() * image.channels(); i++) {
      int v = image.raw(i);
      if (v > 0 && v < 65535) {
        inRange++;
        off += v % 257 != 0 ? 1 : 0;
      }
    }
    return inRange == 0 ? 0 : (double) off / inRange;
  }

  static Image noise(int w, int h, int channels, int bits) {
    Image image = Image.allocate(w, h, channels, bits);
    Random r = new Random(w * 1000L + h * 10L + channels);
    for (int i = 0; i < w * h * channels; i++) {
      image.setRaw(i, r.nextInt(image.maxValue() + 1));
    }
    return image;
  }
}
