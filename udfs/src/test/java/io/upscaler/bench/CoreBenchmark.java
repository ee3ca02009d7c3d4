package io.upscaler.bench;

import io.upscaler.core.TargetSize;
import io.upscaler.core.UpscaleRequest;
import io.upscaler.core.UpscaleResult;
import io.upscaler.core.Upscaler;
import io.upscaler.core.image.DecodeLimits;
import io.upscaler.core.image.DecodedImage;
import io.upscaler.core.image.EncodeOptions;
import io.upscaler.core.image.Image;
import io.upscaler.core.image.ImageDecoder;
import io.upscaler.core.image.ImageEncoder;
import io.upscaler.core.image.ImageFormat;
import io.upscaler.core.infer.DeviceRequest;
import io.upscaler.core.infer.SessionCache;
import io.upscaler.core.resize.Filter;
import io.upscaler.core.resize.Resampler;
import io.upscaler.core.tile.TileGrid;
import io.upscaler.models.ModelCard;
import io.upscaler.models.ModelRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Measures the core on this machine, one image at a time, per stage: decode, tile fill, model,
 * stitch, resample, encode. Not a test: run {@code benchmarks/core.sh} and copy the table into
 * BENCHMARKS.md.
 *
 * <p>Arguments: {@code size threads tile runs model...}. The input is a real photo
 * (examples/astronaut.jpg) resampled to size x size and saved as JPEG, so decoding is realistic.
 */
public final class CoreBenchmark {
  private CoreBenchmark() {}

  public static void main(String[] args) throws Exception {
    int size = Integer.parseInt(args[0]);
    int threads = Integer.parseInt(args[1]);
    int tile = Integer.parseInt(args[2]);
    int runs = Integer.parseInt(args[3]);
    byte[] jpeg = input(size);
    ModelRegistry registry = ModelRegistry.withDirectory(Path.of("models/imported"));
    System.out.printf("input %dx%d JPEG (%d bytes), %d intra-op threads, tile %d, %d runs; median ms%n%n",
        size, size, jpeg.length, threads, tile, runs);
    System.out.println("| model | out MP | model s | out MP/s | GFLOP/s | tile overhead | decode | fill | stitch | resample | PNG enc | JPEG enc |");
    System.out.println("|---|---|---|---|---|---|---|---|---|---|---|---|");
    for (int i = 4; i < args.length; i++) {
      ModelCard card = registry.resolve(args[i]);
      row(registry, card, jpeg, threads, tile, runs);
    }
  }

  private static void row(ModelRegistry registry, ModelCard card, byte[] jpeg, int threads, int tile, int runs)
      throws Exception {
    ImageDecoder decoder = new ImageDecoder();
    ImageEncoder encoder = new ImageEncoder();
    try (SessionCache cache = new SessionCache(1)) {
      Upscaler upscaler = new Upscaler(cache, registry::modelBytes, DeviceRequest.cpu(threads), 0);
      UpscaleRequest request =
          UpscaleRequest.of(List.of(card), new TargetSize.Factor(card.nativeScale())).withTile(tile, 1, -1);
      List<double[]> samples = new ArrayList<>();
      for (int r = 0; r <= runs; r++) {
        long t0 = System.nanoTime();
        DecodedImage d = decoder.decode(jpeg, DecodeLimits.DEFAULT);
        long t1 = System.nanoTime();
        UpscaleResult u = upscaler.upscale(d.image(), request);
        long t2 = System.nanoTime();
        Image half = Resampler.resize(u.image(), u.image().width() * 3 / 4, u.image().height() * 3 / 4, Filter.LANCZOS3, 8);
        long t3 = System.nanoTime();
        encoder.encode(u.image(), EncodeOptions.of(ImageFormat.PNG));
        long t4 = System.nanoTime();
        encoder.encode(u.image(), EncodeOptions.of(ImageFormat.JPEG));
        long t5 = System.nanoTime();
        if (r > 0) { // the first run warms up (session build, JIT)
          samples.add(new double[] {
              ms(t1 - t0), ms(u.tiles().fillNanos()), ms(u.tiles().inferNanos()), ms(u.tiles().stitchNanos()),
              ms(t3 - t2), ms(t4 - t3), ms(t5 - t4), u.image().width() * (double) u.image().height()});
        }
        if (half.width() == 0) {
          throw new IllegalStateException();
        }
      }
      double outPx = samples.get(0)[7];
      double inferMs = median(samples, 2);
      double mps = outPx / 1e6 / (inferMs / 1e3);
      double gflops = card.flopsPerOutputPixel() * outPx / (inferMs / 1e3) / 1e9;
      int in = (int) Math.round(Math.sqrt(outPx) / card.nativeScale());
      double overhead = TileGrid.plan(in, in, tile, Math.max(0, card.receptiveFieldRadius())).overhead();
      System.out.printf("| %s | %.2f | %.2f | %.3f | %.1f | %.2f | %.0f | %.0f | %.0f | %.0f | %.0f | %.0f |%n",
          card.id(), outPx / 1e6, inferMs / 1e3, mps, gflops, overhead, median(samples, 0),
          median(samples, 1), median(samples, 3), median(samples, 4), median(samples, 5), median(samples, 6));
    }
  }

  private static byte[] input(int size) throws Exception {
    ImageDecoder decoder = new ImageDecoder();
    DecodedImage photo = decoder.decode(Files.readAllBytes(Path.of("examples/astronaut.jpg")), DecodeLimits.DEFAULT);
    Image scaled = Resampler.resize(photo.image(), size, size, Filter.LANCZOS3, 8);
    return new ImageEncoder().encode(scaled, EncodeOptions.of(ImageFormat.JPEG).withQuality(90)).bytes();
  }

  private static double ms(long nanos) {
    return nanos / 1e6;
  }

  private static double median(List<double[]> samples, int i) {
    double[] v = samples.stream().mapToDouble(s -> s[i]).sorted().toArray();
    return v[v.length / 2];
  }
}
