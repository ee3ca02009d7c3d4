package io.upscaler.core.tile;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.upscaler.core.TinyModels;
import io.upscaler.core.image.Image;
import io.upscaler.core.infer.DeviceRequest;
import io.upscaler.core.infer.SessionCache;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TiledInferenceTest {
  private static final SessionCache CACHE = new SessionCache(4);
  private static TinyModels.Model x2;
  private static TinyModels.Model x3;

  @BeforeAll
  static void models() {
    x2 = TinyModels.srNet(2, 1, 255.0);
    x3 = TinyModels.srNet(3, 2, 1.0);
  }

  @AfterAll
  static void close() {
    CACHE.close();
  }

  @ParameterizedTest(name = "{0}x{1} tile {2} batch {3} scale {4}")
  @CsvSource({
    "37, 23, 7, 1, 2",
    "37, 23, 5, 3, 2",
    "41, 29, 8, 4, 3",
    "1, 19, 4, 2, 2",
    "19, 1, 4, 2, 3",
    "1, 1, 1, 1, 2",
    "64, 64, 16, 2, 2",
  })
  void stitchedTilesEqualWholeImageInference(int w, int h, int tile, int batch, int scale)
      throws Exception {
    TinyModels.Model model = scale == 2 ? x2 : x3;
    Image input = noise(w, h, 3, 8, w * 31L + h);
    float[] whole = infer(model, input, Integer.MAX_VALUE / 4, 1, 2);
    float[] tiled = infer(model, input, tile, batch, 2);
    assertEquals(whole.length, tiled.length);
    float maxDiff = 0;
    for (int i = 0; i < whole.length; i++) {
      maxDiff = Math.max(maxDiff, Math.abs(whole[i] - tiled[i]));
    }
    assertTrue(maxDiff < 1e-5f, "max difference " + maxDiff);
  }

  @ParameterizedTest(name = "{0} on {1}x{2}, tile {3}")
  @CsvSource({
    "esrgan-slim-x2, 45, 37, 16",
    "realesr-general-x4v3, 83, 71, 24",
    "realesr-animevideov3-x2, 50, 1, 8",
  })
  void realBundledModelsStitchExactlyWithTheirReceptiveFieldAsContext(
      String id, int w, int h, int tile) throws Exception {
    io.upscaler.models.ModelRegistry registry = io.upscaler.models.ModelRegistry.bundled();
    io.upscaler.models.ModelCard card = registry.resolve(id);
    TinyModels.Model model = new TinyModels.Model(registry.modelBytes(card), card);
    Image input = noise(w, h, 3, 8, w + h);
    int pad = card.receptiveFieldRadius();
    float[] whole = infer(model, input, 10_000, 1, pad);
    float[] tiled = infer(model, input, tile, 2, pad);
    float maxDiff = 0;
    for (int i = 0; i < whole.length; i++) {
      maxDiff = Math.max(maxDiff, Math.abs(whole[i] - tiled[i]));
    }
    assertTrue(maxDiff < 1e-4f, id + ": max difference " + maxDiff + " (0..1 scale)");
  }

  @Test
  void tooLittlePaddingShowsSeamsSoTheTestAboveCanFail() throws Exception {
    Image input = noise(37, 23, 3, 8, 7);
    float[] whole = infer(x2, input, 1000, 1, 2);
    float[] tiled = infer(x2, input, 7, 1, 0);
    float maxDiff = 0;
    for (int i = 0; i < whole.length; i++) {
      maxDiff = Math.max(maxDiff, Math.abs(whole[i] - tiled[i]));
    }
    assertTrue(maxDiff > 1e-3f, "unpadded tiles should differ at seams, max diff " + maxDiff);
  }

  @Test
  void countsTilesAndRuns() throws Exception {
    Image input = noise(40, 40, 3, 8, 3);
    try (SessionCache.Lease lease = CACHE.acquire(x2.card(), x2::bytes, DeviceRequest.cpu(1), 0)) {
      TileStats stats =
          new TiledInference(lease.session())
              .run(ImageTiles.color(input), new FloatSink(80, 80), 10, 3, 2);
      assertEquals(16, stats.tiles());
      assertEquals(6, stats.runs());
      assertTrue(stats.inferNanos() > 0);
    }
  }

  @Test
  void runAllBatchesEqualWindowsAcrossImagesAndCountsEachImage() throws Exception {
    Image a = noise(8, 6, 3, 8, 1);
    Image b = noise(8, 6, 3, 8, 2);
    Image c = noise(8, 6, 3, 8, 3);
    Image wide = noise(20, 6, 3, 8, 4); // 2 tiles of its own window size
    List<FloatSink> sinks = new ArrayList<>();
    List<TiledInference.Job> jobs = new ArrayList<>();
    for (Image image : List.of(a, b, c, wide)) {
      FloatSink sink = new FloatSink(image.width() * 2, image.height() * 2);
      sinks.add(sink);
      jobs.add(new TiledInference.Job(ImageTiles.color(image), sink, 10, 2));
    }
    try (SessionCache.Lease lease = CACHE.acquire(x2.card(), x2::bytes, DeviceRequest.cpu(1), 0)) {
      long before = lease.session().calls();
      List<TileStats> stats = new TiledInference(lease.session()).runAll(jobs, 2);

      // 8x6 windows: a+b in one call, c in another; the wide image's 2 windows in a third.
      assertEquals(3, lease.session().calls() - before);
      assertEquals(List.of(1, 1, 1, 2), stats.stream().map(TileStats::tiles).toList());
      assertEquals(List.of(1, 1, 1, 1), stats.stream().map(TileStats::runs).toList());
    }
    for (int i = 0; i < 4; i++) {
      Image image = List.of(a, b, c, wide).get(i);
      assertArrayEquals(infer(x2, image, 10, 1, 2), sinks.get(i).values, "image " + i);
    }
  }

  static float[] infer(TinyModels.Model model, Image input, int tile, int batch, int pad)
      throws Exception {
    int s = model.card().nativeScale();
    FloatSink sink = new FloatSink(input.width() * s, input.height() * s);
    try (SessionCache.Lease lease =
        CACHE.acquire(model.card(), model::bytes, DeviceRequest.cpu(1), 0)) {
      new TiledInference(lease.session()).run(ImageTiles.color(input), sink, tile, batch, pad);
    }
    return sink.values;
  }

  static Image noise(int w, int h, int channels, int bits, long seed) {
    Image image = Image.allocate(w, h, channels, bits);
    Random r = new Random(seed);
    for (int i = 0; i < w * h * channels; i++) {
      image.setRaw(i, r.nextInt(image.maxValue() + 1));
    }
    return image;
  }

  /** Keeps outputs as floats (3 planes) so comparisons see float rounding, not 8-bit steps. */
  static final class FloatSink implements TileSink {
    final int width;
    final int height;
    final float[] values;

    FloatSink(int width, int height) {
      this.width = width;
      this.height = height;
      this.values = new float[3 * width * height];
    }

    @Override
    public void write(int x, int y, int w, int h, float[] src, int off, int stride, int plane) {
      for (int c = 0; c < 3; c++) {
        for (int row = 0; row < h; row++) {
          System.arraycopy(
              src, off + c * plane + row * stride,
              values, c * width * height + (y + row) * width + x, w);
        }
      }
    }
  }
}
