package io.upscaler.job.bench;

import io.upscaler.core.image.DecodeLimits;
import io.upscaler.core.image.EncodeOptions;
import io.upscaler.core.image.Image;
import io.upscaler.core.image.ImageDecoder;
import io.upscaler.core.image.ImageEncoder;
import io.upscaler.core.image.ImageFormat;
import io.upscaler.core.resize.Filter;
import io.upscaler.core.resize.Resampler;
import io.upscaler.models.ModelCard;
import io.upscaler.models.ModelCards;
import io.upscaler.models.onnx.GraphBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Benchmark input for the job's flow (benchmarks/flow.sh): a catalogue of {@code n} photos whose
 * sides are log-uniform between 64 and 2,048 px (aspect 3:4 to 4:3; 4 in 5 JPEG, 1 in 5 PNG),
 * cut from the sample photos, plus a near-free model: nearest-neighbour x2, no weights, written as
 * a user model file with its card. Deterministic for a given seed.
 *
 * <p>Usage: {@code MixedCatalogue <folder> <n> <photo>...}; writes {@code <folder>/images/},
 * {@code <folder>/manifest.csv} (id, uri, input_bytes, input_width, input_height) and {@code
 * <folder>/nearest-x2.onnx} with {@code nearest-x2.json}.
 */
public final class MixedCatalogue {
  static final int MIN_SIDE = 64;
  static final int MAX_SIDE = 2048;

  private MixedCatalogue() {}

  public static void main(String[] args) throws Exception {
    Path folder = Path.of(args[0]);
    int n = Integer.parseInt(args[1]);
    ImageDecoder decoder = new ImageDecoder();
    Image[] photos = new Image[args.length - 2];
    for (int i = 2; i < args.length; i++) {
      photos[i - 2] = decoder.decode(Files.readAllBytes(Path.of(args[i])), DecodeLimits.DEFAULT).image();
    }
    Files.createDirectories(folder.resolve("images"));
    StringBuilder csv = new StringBuilder("id,uri,input_bytes,input_width,input_height\n");
    Random random = new Random(42);
    ImageEncoder encoder = new ImageEncoder();
    for (int i = 0; i < n; i++) {
      int side = (int) Math.round(MIN_SIDE * Math.pow((double) MAX_SIDE / MIN_SIDE, random.nextDouble()));
      double aspect = 0.75 + 0.5 * random.nextDouble();
      int w = Math.max(MIN_SIDE, Math.min(MAX_SIDE, (int) Math.round(side * Math.sqrt(aspect))));
      int h = Math.max(MIN_SIDE, Math.min(MAX_SIDE, (int) Math.round(side / Math.sqrt(aspect))));
      boolean png = random.nextInt(5) == 0;
      Image photo = photos[i % photos.length];
      Image img = Resampler.resize(photo, w, h, Filter.LANCZOS3, 8);
      ImageFormat format = png ? ImageFormat.PNG : ImageFormat.JPEG;
      byte[] bytes = encoder.encode(img, EncodeOptions.of(format).withQuality(90)).bytes();
      Path file = folder.resolve(String.format("images/img%05d.%s", i, format.extension()));
      Files.write(file, bytes);
      csv.append(String.format("img%05d,%s,%d,%d,%d%n", i, file.toAbsolutePath(), bytes.length, w, h));
    }
    Files.writeString(folder.resolve("manifest.csv"), csv);
    writeNearestModel(folder);
  }

  /** A weightless x2 model (nearest-neighbour upsampling) and its card, as a user model. */
  static void writeNearestModel(Path folder) throws Exception {
    GraphBuilder g = new GraphBuilder();
    String x = g.input("input", 3);
    g.output(g.upsampleNearest("up", x, 2, 2), "output");
    byte[] onnx = g.build("nearest-x2", "nearest-neighbour x2, no weights", Map.of()).toByteArray();
    ModelCard card = new ModelCard("nearest-x2", "nearest", "Resize", 2, "input", "output",
        ModelCard.NCHW, "RGB", 0, 255, ModelCard.FP32, 0, 0, 0, null, "nearest-x2.onnx",
        "", "", "", "MIT", "benchmark", List.of());
    Files.write(folder.resolve("nearest-x2.onnx"), onnx);
    Files.write(folder.resolve("nearest-x2.json"), ModelCards.toJson(card));
  }
}
