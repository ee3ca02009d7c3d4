package io.upscaler.bench;

import io.upscaler.core.image.DecodeLimits;
import io.upscaler.core.image.EncodeOptions;
import io.upscaler.core.image.Image;
import io.upscaler.core.image.ImageDecoder;
import io.upscaler.core.image.ImageEncoder;
import io.upscaler.core.image.ImageFormat;
import io.upscaler.core.resize.Filter;
import io.upscaler.core.resize.Resampler;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Benchmark input: a sample photo resampled to size x size (seed varies the aspect a little), or
 * to exactly size x height when a height is given. Usage: {@code MakeInput SRC DST SIZE SEED
 * [HEIGHT]}.
 */
public final class MakeInput {
  private MakeInput() {}

  public static void main(String[] args) throws Exception {
    Image photo =
        new ImageDecoder().decode(Files.readAllBytes(Path.of(args[0])), DecodeLimits.DEFAULT).image();
    int size = Integer.parseInt(args[2]);
    int seed = Integer.parseInt(args[3]);
    int height = args.length > 4 ? Integer.parseInt(args[4]) : size - (seed % 5) * 8;
    Image out = Resampler.resize(photo, size, height, Filter.LANCZOS3, 8);
    Files.write(Path.of(args[1]),
        new ImageEncoder().encode(out, EncodeOptions.of(ImageFormat.JPEG).withQuality(90)).bytes());
  }
}
