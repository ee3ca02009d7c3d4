package io.upscaler.models.measure;

import io.upscaler.models.ModelCard;
import io.upscaler.models.ModelRegistry;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Random;

/**
 * How far an input change reaches in a model's output, measured in ONNX Runtime (float32, CPU) on
 * a uniform-noise image of N x N pixels (values in the model's range):
 * <ol>
 *   <li><b>One pixel</b>: the centre pixel is changed by half the value range in all channels;
 *       for each distance d (input pixels, Chebyshev, from the output pixel's source pixel) the
 *       largest |change| of the output, on the 0..1 scale.
 *   <li><b>Tiles</b>: a T x T tile at the centre is upscaled from a crop with a context margin of
 *       P pixels on each side (zero padding beyond the crop, as a tiler does at its edges) and
 *       compared with the same region of the whole-image output: the largest and mean |difference|
 *       for each P.
 * </ol>
 *
 * <pre>ReachMain IMPORTED_DIR MODEL N T P1,P2,...</pre>
 */
public final class ReachMain {
  private ReachMain() {}

  public static void main(String[] args) throws Exception {
    ModelRegistry registry = ModelRegistry.withDirectory(Path.of(args[0]));
    ModelCard card = registry.resolve(args[1]);
    int n = Integer.parseInt(args[2]);
    int tile = Integer.parseInt(args[3]);
    float range = (float) card.valueMax();
    float[] noise = new float[3 * n * n];
    Random random = new Random(7);
    for (int i = 0; i < noise.length; i++) {
      noise[i] = random.nextFloat() * range;
    }
    System.out.printf(Locale.ROOT, "%s: noise %dx%d, counted radius %d%n", card.id(), n, n,
        card.receptiveFieldRadius());
    try (OrtRunner runner = new OrtRunner(registry.modelBytes(card))) {
      long start = System.nanoTime();
      float[] whole = runner.run(noise, n, n);
      System.out.printf(Locale.ROOT, "whole image: %.1f s%n", (System.nanoTime() - start) / 1e9);
      onePixel(runner, noise, whole, n, card.nativeScale(), range);
      for (String p : args[4].split(",")) {
        tiles(runner, noise, whole, n, card.nativeScale(), range, tile, Integer.parseInt(p));
      }
    }
  }

  private static void onePixel(OrtRunner runner, float[] noise, float[] whole, int n, int s,
      float range) throws Exception {
    int p = n / 2;
    float[] poked = noise.clone();
    for (int c = 0; c < 3; c++) {
      int i = (c * n + p) * n + p;
      poked[i] = poked[i] < range / 2 ? poked[i] + range / 2 : poked[i] - range / 2;
    }
    float[] moved = runner.run(poked, n, n);
    int out = n * s;
    double[] byDistance = new double[n];
    for (int i = 0; i < whole.length; i++) {
      int y = (i / out) % out;
      int x = i % out;
      int d = Math.max(Math.abs(y / s - p), Math.abs(x / s - p));
      byDistance[d] = Math.max(byDistance[d], Math.abs(whole[i] - moved[i]) / range);
    }
    StringBuilder b = new StringBuilder("one pixel changed by half the range; max |change of"
        + " output| (0..1) at distance d:\n");
    int farthest = 0;
    for (int d = 0; d < n - p; d++) {
      farthest = byDistance[d] > 0 ? d : farthest;
      b.append(String.format(Locale.ROOT, "  d=%3d %.2e%n", d, byDistance[d]));
    }
    System.out.print(b);
    System.out.printf(Locale.ROOT, "farthest nonzero change: d=%d (measurable up to d=%d)%n",
        farthest, n - p - 1);
  }

  private static void tiles(OrtRunner runner, float[] noise, float[] whole, int n, int s,
      float range, int tile, int pad) throws Exception {
    int size = tile + 2 * pad;
    int origin = (n - tile) / 2 - pad;
    if (origin < 0) {
      System.out.printf(Locale.ROOT, "tile %d with margin %d does not fit in %d%n", tile, pad, n);
      return;
    }
    float[] crop = new float[3 * size * size];
    for (int c = 0; c < 3; c++) {
      for (int y = 0; y < size; y++) {
        System.arraycopy(noise, (c * n + origin + y) * n + origin, crop, (c * size + y) * size,
            size);
      }
    }
    float[] part = runner.run(crop, size, size);
    double max = 0;
    double sum = 0;
    int out = n * s;
    int partOut = size * s;
    for (int c = 0; c < 3; c++) {
      for (int y = pad * s; y < (pad + tile) * s; y++) {
        for (int x = pad * s; x < (pad + tile) * s; x++) {
          double d = Math.abs(part[(c * partOut + y) * partOut + x]
              - whole[(c * out + y + origin * s) * out + x + origin * s]) / range;
          max = Math.max(max, d);
          sum += d;
        }
      }
    }
    System.out.printf(Locale.ROOT, "tile %dx%d, context margin %3d: max |diff| %.2e  mean %.2e"
        + " (0..1)%n", tile, tile, pad, max, sum / (3.0 * tile * s * tile * s));
  }
}
