package io.upscaler.models.measure;

import io.upscaler.models.ModelCard;
import io.upscaler.models.ModelRegistry;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Random;

/**
 * CPU throughput of models on this machine: output megapixels per second for one square input,
 * ONNX Runtime CPU with 2 intra-op threads, one warm-up run, then the best and median of
 * {@code RUNS} timed runs (best is the least disturbed by other processes).
 *
 * <pre>ThroughputMain IMPORTED_DIR SIZE RUNS MODEL...</pre>
 */
public final class ThroughputMain {
  private ThroughputMain() {}

  public static void main(String[] args) throws Exception {
    ModelRegistry registry = ModelRegistry.withDirectory(Path.of(args[0]));
    int size = Integer.parseInt(args[1]);
    int runs = Integer.parseInt(args[2]);
    float[] image = new float[3 * size * size];
    Random random = new Random(1);
    for (int i = 0; i < image.length; i++) {
      image[i] = random.nextFloat();
    }
    for (String id : Arrays.asList(args).subList(3, args.length)) {
      ModelCard card = registry.resolve(id);
      double scale = card.valueMax();
      float[] input = image.clone();
      for (int i = 0; i < input.length; i++) {
        input[i] *= scale;
      }
      measure(card, registry.modelBytes(card), input, size, runs);
    }
  }

  private static void measure(ModelCard card, byte[] onnx, float[] input, int size, int runs)
      throws Exception {
    try (OrtRunner runner = new OrtRunner(onnx)) {
      runner.run(input, size, size);
      double[] seconds = new double[runs];
      for (int r = 0; r < runs; r++) {
        long start = System.nanoTime();
        runner.run(input, size, size);
        seconds[r] = (System.nanoTime() - start) / 1e9;
      }
      Arrays.sort(seconds);
      double megapixels = Math.pow(size * (double) card.nativeScale(), 2) / 1e6;
      System.out.printf(Locale.ROOT, "%-24s %dx%d -> %dx%d  best %.2f s  median %.2f s  "
          + "%.3f output MP/s (median %.3f)  %.1f GFLOP/s%n", card.id(), size, size,
          size * card.nativeScale(), size * card.nativeScale(), seconds[0], seconds[runs / 2],
          megapixels / seconds[0], megapixels / seconds[runs / 2],
          card.flopsPerInputPixel() * size * size / seconds[0] / 1e9);
    }
  }
}
