package io.upscaler.bench;

import io.upscaler.core.image.DecodeLimits;
import io.upscaler.core.image.EncodeOptions;
import io.upscaler.core.image.EncodedImage;
import io.upscaler.core.image.Image;
import io.upscaler.core.image.ImageDecoder;
import io.upscaler.core.image.ImageEncoder;
import io.upscaler.core.image.ImageFormat;
import io.upscaler.core.resize.Filter;
import io.upscaler.core.resize.Resampler;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Encoder cost and file size per setting on realistic upscaled content: a sample photo upscaled
 * with Lanczos-3 (smooth like a super-resolution network's output), encoded on one thread; best
 * of 4 runs in thread CPU time. Not a test: see BENCHMARKS.md, "Encoders".
 *
 * <p>Usage: {@code EncoderBenchmark PHOTO FACTOR CASE...}, a case being {@code PNG:<level>},
 * {@code WEBP:<method>}, {@code JPEG} or {@code TIFF}.
 */
public final class EncoderBenchmark {
  private EncoderBenchmark() {}

  public static void main(String[] args) throws Exception {
    ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
    Image photo = new ImageDecoder().decode(Files.readAllBytes(Path.of(args[0])),
        DecodeLimits.DEFAULT).image();
    int factor = Integer.parseInt(args[1]);
    Image img = Resampler.resize(photo, photo.width() * factor, photo.height() * factor,
        Filter.LANCZOS3, 8);
    double mp = img.width() * (double) img.height() / 1e6;
    System.out.printf(Locale.ROOT, "%s upscaled x%d with Lanczos-3: %s, %.2f MP%n%n", args[0],
        factor, img, mp);
    System.out.println("| setting | CPU ms per MP | bytes per pixel |");
    System.out.println("|---|---|---|");
    ImageEncoder encoder = new ImageEncoder();
    for (int i = 2; i < args.length; i++) {
      EncodeOptions options = options(args[i]);
      long best = Long.MAX_VALUE;
      EncodedImage out = null;
      for (int run = 0; run < 4; run++) {
        long t0 = cpu.getCurrentThreadCpuTime();
        out = encoder.encode(img, options);
        best = Math.min(best, cpu.getCurrentThreadCpuTime() - t0);
      }
      System.out.printf(Locale.ROOT, "| %s | %.1f | %.3f |%n", args[i], best / 1e6 / mp,
          out.bytes().length / mp / 1e6);
    }
  }

  private static EncodeOptions options(String spec) {
    String[] p = spec.split(":");
    EncodeOptions o = EncodeOptions.of(ImageFormat.valueOf(p[0]));
    if (p.length > 1 && p[0].equals("PNG")) {
      return o.withPngCompression(Integer.parseInt(p[1]));
    }
    return p.length > 1 && p[0].equals("WEBP") ? o.withWebpMethod(Integer.parseInt(p[1])) : o;
  }
}
