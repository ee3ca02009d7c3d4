package io.upscaler.bench;

import io.upscaler.core.image.DecodeLimits;
import io.upscaler.core.image.EncodeOptions;
import io.upscaler.core.image.Image;
import io.upscaler.core.image.ImageDecoder;
import io.upscaler.core.image.ImageEncoder;
import io.upscaler.core.image.ImageFormat;
import io.upscaler.core.resize.Filter;
import io.upscaler.core.resize.Resampler;
import io.upscaler.models.Hashes;
import io.upscaler.models.onnx.GraphBuilder;
import io.upscaler.models.onnx.ResizeSpec;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Inputs of the feed benchmark ({@code benchmarks/feed.sh}): a near-free model and a mixed
 * catalogue.
 *
 * <p>The model is one {@code Resize} x4 with no learned weights, {@code cubic} (the default: its
 * output is smooth like a super-resolution network's, so encoders see realistic content) or
 * {@code nearest} (costs nothing, but its blocky output compresses 3-5x better than real output
 * and flatters PNG and WebP), written as {@code feed-<kind>-x4.onnx} with its card {@code
 * feed-<kind>-x4.json}, to be passed as a user model: everything the job measures around it is
 * the CPU work a GPU would need fed.
 *
 * <p>The catalogue: {@code count} images cut from the sample photos, resampled so their longest
 * side runs from 256 to 2,048 pixels, in turn JPEG, PNG (RGB), PNG with alpha, 16-bit PNG, WebP
 * (lossy), WebP with alpha, 16-bit PNG with alpha and grey JPEG.
 *
 * <p>Usage: {@code FeedInputs MODEL_DIR CATALOGUE_DIR COUNT EXAMPLES_DIR [cubic|nearest]} (COUNT 0
 * writes only the model).
 */
public final class FeedInputs {
  /** The model's id and file name stem: {@code feed-<kind>-x4}. */
  static String modelId(String kind) {
    return "feed-" + kind + "-x4";
  }

  private static final int[] SIDES = {256, 320, 384, 512, 640, 768, 1024, 2048};
  private static final String[] PHOTOS = {"astronaut.jpg", "chelsea.webp", "coffee-rotated.jpg",
      "rocket-cutout.png", "camera.png"};

  private FeedInputs() {}

  public static void main(String[] args) throws Exception {
    Path modelDir = Files.createDirectories(Path.of(args[0]));
    int count = Integer.parseInt(args[2]);
    Path examples = Path.of(args[3]);
    writeModel(modelDir, args.length > 4 ? args[4] : "cubic");
    Path catalogue = count > 0 ? Files.createDirectories(Path.of(args[1])) : null;
    for (int i = 0; i < count; i++) {
      Image photo = new ImageDecoder().decode(
          Files.readAllBytes(examples.resolve(PHOTOS[i % PHOTOS.length])), DecodeLimits.DEFAULT).image();
      writeImage(catalogue, i, photo);
    }
  }

  /**
   * Input → Resize(kind, x4) → output; the card declares value range 0..1 and the context the
   * kernel reaches (cubic: 2 input pixels).
   */
  static void writeModel(Path dir, String kind) throws Exception {
    boolean cubic = kind.equals("cubic");
    if (!cubic && !kind.equals("nearest")) {
      throw new IllegalArgumentException("model kind must be cubic or nearest: " + kind);
    }
    String id = modelId(kind);
    GraphBuilder g = new GraphBuilder();
    String in = g.input("input", 3);
    ResizeSpec spec = cubic ? new ResizeSpec(ResizeSpec.Mode.CUBIC, 4, 4, false)
        : ResizeSpec.nearest(4, 4);
    g.output(g.resize("up", in, spec), "output");
    byte[] onnx = g.build(id, kind + " x4 resize: a model that costs next to nothing",
        Map.of()).toByteArray();
    Files.write(dir.resolve(id + ".onnx"), onnx);
    String card = String.join("\n", "{",
        "  \"id\" : \"" + id + "\",",
        "  \"family\" : \"" + id + "\",",
        "  \"architecture\" : \"" + kind + "\",",
        "  \"nativeScale\" : 4,",
        "  \"inputName\" : \"input\",",
        "  \"outputName\" : \"output\",",
        "  \"layout\" : \"NCHW\",",
        "  \"channelOrder\" : \"RGB\",",
        "  \"valueMin\" : 0.0,",
        "  \"valueMax\" : 1.0,",
        "  \"precision\" : \"fp32\",",
        "  \"receptiveFieldRadius\" : " + (cubic ? 2 : 0) + ",",
        "  \"sha256\" : \"" + Hashes.sha256(onnx) + "\",",
        "  \"file\" : \"" + id + ".onnx\",",
        "  \"license\" : \"MIT\",",
        "  \"aliases\" : [ ]",
        "}", "");
    Files.write(dir.resolve(id + ".json"), card.getBytes(StandardCharsets.UTF_8));
  }

  /** Image {@code i}: its size from {@link #SIDES}, its format and layout from {@code i % 8}. */
  static void writeImage(Path dir, int i, Image photo) throws Exception {
    int side = SIDES[(i + i / SIDES.length * 3) % SIDES.length]; // every format meets every size
    boolean wide = photo.width() >= photo.height();
    int w = wide ? side : Math.max(1, side * photo.width() / photo.height());
    int h = wide ? Math.max(1, side * photo.height() / photo.width()) : side;
    int variant = i % 8;
    boolean sixteen = variant == 3 || variant == 6;
    boolean alpha = variant == 2 || variant == 5 || variant == 6;
    boolean grey = variant == 7;
    Image rgb = Resampler.resize(photo, w, h, Filter.LANCZOS3, sixteen ? 16 : 8);
    Image img = layout(rgb, alpha, grey);
    ImageFormat format = List.of(ImageFormat.JPEG, ImageFormat.PNG, ImageFormat.PNG,
        ImageFormat.PNG, ImageFormat.WEBP, ImageFormat.WEBP, ImageFormat.PNG, ImageFormat.JPEG)
        .get(variant);
    EncodeOptions options = EncodeOptions.of(format).withQuality(90).withPngCompression(6)
        .withWebpMethod(4);
    byte[] bytes = new ImageEncoder().encode(img, options).bytes();
    Files.write(dir.resolve(String.format("img%03d.%s", i, format.extension())), bytes);
  }

  /** The colour of {@code rgb} with a soft oval alpha mask added, or reduced to grey. */
  private static Image layout(Image rgb, boolean alpha, boolean grey) {
    int channels = grey ? 1 : rgb.colorChannels() + (alpha ? 1 : 0);
    if (channels == rgb.channels() && !alpha) {
      return rgb;
    }
    Image out = Image.allocate(rgb.width(), rgb.height(), channels, rgb.bitDepth());
    for (int y = 0; y < rgb.height(); y++) {
      for (int x = 0; x < rgb.width(); x++) {
        int s = rgb.index(x, y);
        int d = out.index(x, y);
        int colour = rgb.colorChannels();
        if (grey) {
          int r = rgb.raw(s);
          int g = rgb.raw(s + Math.min(1, colour - 1));
          int b = rgb.raw(s + Math.min(2, colour - 1));
          out.setRaw(d, (r * 299 + g * 587 + b * 114 + 500) / 1000);
          continue;
        }
        for (int c = 0; c < colour; c++) {
          out.setRaw(d + c, rgb.raw(s + c));
        }
        if (alpha) {
          double dx = (x - rgb.width() / 2.0) / (rgb.width() / 2.0);
          double dy = (y - rgb.height() / 2.0) / (rgb.height() / 2.0);
          double a = Math.max(0, Math.min(1, 1.6 - 1.2 * Math.sqrt(dx * dx + dy * dy)));
          out.setRaw(d + colour, (int) Math.round(a * out.maxValue()));
        }
      }
    }
    return out;
  }
}
