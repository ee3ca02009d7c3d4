package io.upscaler.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.upscaler.core.image.Image;
import io.upscaler.core.infer.DeviceRequest;
import io.upscaler.core.infer.SessionCache;
import io.upscaler.models.ModelCard;
import io.upscaler.models.ModelRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Tiles of equal window size are batched across consecutive images ({@link Upscaler#inferAll})
 * with real bundled models, and every image comes out exactly as it does alone with batch 1.
 */
class CrossImageBatchingTest {
  private static final ModelRegistry REGISTRY = ModelRegistry.bundled();
  private static final SessionCache CACHE = new SessionCache(4);
  private static final Upscaler UPSCALER =
      new Upscaler(CACHE, ModelStore.of(REGISTRY), DeviceRequest.cpu(2), 0);

  @AfterAll
  static void close() {
    CACHE.close();
  }

  @Test
  void smallImagesOfOneSizeShareModelCallsAndEqualUnbatchedOutput() throws Exception {
    List<Image> images = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      images.add(photoLike(24, 18, 3, 8, i));
    }
    images.add(photoLike(30, 18, 3, 8, 9)); // another window size: its own call
    UpscaleRequest batched = request("esrgan-slim", 2).withTile(64, 4, -1);

    long before = calls("esrgan-slim-x2");
    List<UpscaleResult> together = finishAll(images, batched);
    long batchedCalls = calls("esrgan-slim-x2") - before;

    // 5 windows of 24x18 in calls of 4 and 1, and one 30x18 window: 3 calls instead of 6.
    assertEquals(3, batchedCalls);
    for (int i = 0; i < images.size(); i++) {
      UpscaleResult alone = UPSCALER.upscale(images.get(i), batched.withTile(64, 1, -1));
      assertSamePixels(alone.image(), together.get(i).image(), "image " + i);
      assertEquals(1, together.get(i).tiles().tiles());
      assertEquals(1, together.get(i).tiles().runs());
    }
  }

  @Test
  void theDefaultModelTiledImagesAlphaAndTwoPassesEqualUnbatchedOutput() throws Exception {
    List<Image> images = List.of(
        photoLike(40, 28, 3, 8, 1),   // 2 x 2 tiles of the same windows as the next image
        photoLike(40, 28, 4, 8, 2),   // RGBA, alpha through the model
        photoLike(40, 28, 1, 16, 3),  // 16-bit grey
        photoLike(17, 11, 3, 8, 4));  // one small tile
    UpscaleRequest batched = request("realesr-general-x4v3", 4).withTile(20, 4, -1)
        .withAlphaMode(AlphaMode.MODEL);

    List<UpscaleResult> together = finishAll(images, batched);

    for (int i = 0; i < images.size(); i++) {
      UpscaleResult alone = UPSCALER.upscale(images.get(i), batched.withTile(20, 1, -1));
      assertSamePixels(alone.image(), together.get(i).image(), "image " + i);
      assertEquals(alone.tiles().tiles(), together.get(i).tiles().tiles());
    }
    // Two passes (x16 = x4 twice), batched across two images in each round.
    List<Image> two = List.of(photoLike(9, 7, 3, 8, 5), photoLike(9, 7, 3, 8, 6));
    UpscaleRequest x16 = request("realesr-general-x4v3", 16).withTile(64, 2, -1);
    List<UpscaleResult> chained = finishAll(two, x16);
    for (int i = 0; i < two.size(); i++) {
      UpscaleResult alone = UPSCALER.upscale(two.get(i), x16.withTile(64, 1, -1));
      assertSamePixels(alone.image(), chained.get(i).image(), "x16 image " + i);
      assertEquals("realesr-general-x4v3+realesr-general-x4v3", chained.get(i).models());
    }
  }

  @Test
  void aFailureStaysWithItsImage() throws Exception {
    ModelCard medium = REGISTRY.resolve("esrgan-medium-x2");
    ModelStore brokenMedium = card -> card.id().equals(medium.id()) ? new byte[] {1, 2, 3}
        : REGISTRY.modelBytes(card);
    Upscaler upscaler = new Upscaler(CACHE, brokenMedium, DeviceRequest.cpu(1), 0);
    Image a = photoLike(12, 10, 3, 8, 1);
    Image b = photoLike(12, 10, 3, 8, 2);
    UpscaleRequest slim = request("esrgan-slim", 2).withTile(64, 2, -1);
    UpscaleRequest broken = UpscaleRequest.of(List.of(medium), new TargetSize.Factor(2))
        .withTile(64, 2, -1);

    List<Upscaler.Outcome> out = upscaler.inferAll(List.of(work(a, slim), work(b, broken)));

    assertNull(out.get(0).failure());
    assertEquals(ErrorClass.MODEL_ERROR, out.get(1).failure().errorClass());
    assertSamePixels(UPSCALER.upscale(a, slim).image(),
        upscaler.finish(out.get(0).get()).image(), "the good image");
  }

  private static List<UpscaleResult> finishAll(List<Image> images, UpscaleRequest request)
      throws UpscaleException {
    List<Upscaler.Work> work = new ArrayList<>();
    for (Image image : images) {
      work.add(work(image, request));
    }
    List<UpscaleResult> results = new ArrayList<>();
    for (Upscaler.Outcome o : UPSCALER.inferAll(work)) {
      results.add(UPSCALER.finish(o.get()));
    }
    return results;
  }

  private static Upscaler.Work work(Image image, UpscaleRequest request) throws UpscaleException {
    return new Upscaler.Work(image, request,
        Upscaler.plan(image.width(), image.height(), request));
  }

  private static UpscaleRequest request(String family, double factor) {
    return UpscaleRequest.of(REGISTRY.planningFamily(family, factor),
        new TargetSize.Factor(factor));
  }

  private static long calls(String id) throws UpscaleException {
    ModelCard card = REGISTRY.resolve(id);
    try (SessionCache.Lease lease =
        CACHE.acquire(card, ModelStore.of(REGISTRY), DeviceRequest.cpu(2), 0)) {
      return lease.session().calls();
    }
  }

  private static void assertSamePixels(Image expected, Image actual, String what) {
    assertEquals(expected.width(), actual.width(), what);
    assertEquals(expected.height(), actual.height(), what);
    int n = expected.width() * expected.height() * expected.channels();
    int[] e = new int[n];
    int[] a = new int[n];
    for (int i = 0; i < n; i++) {
      e[i] = expected.raw(i);
      a[i] = actual.raw(i);
    }
    assertArrayEquals(e, a, what + ": batched output differs from unbatched");
    assertTrue(n > 0);
  }

  /** Smooth gradients with noise: enough structure for the model to do real work. */
  private static Image photoLike(int w, int h, int channels, int bits, long seed) {
    Image image = Image.allocate(w, h, channels, bits);
    Random r = new Random(seed);
    int max = image.maxValue();
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        for (int c = 0; c < channels; c++) {
          double v = 0.5 + 0.3 * Math.sin((x + 3 * c + seed) / 5.0) * Math.cos(y / 4.0)
              + 0.1 * r.nextGaussian();
          image.setRaw(image.index(x, y) + c, (int) Math.round(Math.max(0, Math.min(1, v)) * max));
        }
      }
    }
    return image;
  }
}
