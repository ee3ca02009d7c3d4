package io.upscaler.models;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.imageio.ImageIO;

/**
 * The goldens of the Real-ESRGAN ncnn models (test resources {@code /golden/ncnn/}, copied from the
 * shared goldens): one input photo crop, per model the exact output (float64 evaluation of the ncnn
 * graph, stored as float32 NCHW, 0..1) and, for most, what the fp16 Vulkan runtime produced (PNG).
 */
public final class NcnnGoldens {
  /** Bound against the exact output, on the 0..1 scale (a quarter of an 8-bit level). */
  public static final double EXACT_TOLERANCE = 1e-3;
  private static final String DIR = "/golden/ncnn/";

  private NcnnGoldens() {}

  /**
   * One model's goldens.
   *
   * @param model model id
   * @param golden the goldens' name of the model (the ncnn file name)
   */
  public record Case(String model, String golden) {
    @Override
    public String toString() {
      return model;
    }
  }

  /** Distance to the runtime's PNG in 8-bit levels: mean, 99th percentile and largest. */
  public record RuntimeDiff(double mean, int p99, int max) {}

  public static List<Case> cases() {
    try {
      List<Case> cases = new ArrayList<>();
      for (JsonNode c : new ObjectMapper().readTree(bytes("cases.json")).path("cases")) {
        cases.add(new Case(c.path("model").asText(), c.path("golden").asText()));
      }
      return cases;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static Optional<Case> caseOf(String model) {
    return cases().stream().filter(c -> c.model().equals(model)).findFirst();
  }

  /** The input crop as a 1x3xHxW tensor of RGB / 255. */
  public static Ort.Tensor input() {
    return rgb(png("chelsea-crop-40x32.png"));
  }

  /** A picture as a 1x3xHxW tensor of RGB / 255. */
  public static Ort.Tensor rgb(BufferedImage image) {
    int h = image.getHeight();
    int w = image.getWidth();
    float[] v = new float[3 * h * w];
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        int rgb = image.getRGB(x, y);
        for (int c = 0; c < 3; c++) {
          v[(c * h + y) * w + x] = ((rgb >> (16 - 8 * c)) & 0xff) / 255f;
        }
      }
    }
    return new Ort.Tensor(v, new long[] {1, 3, h, w});
  }

  /** The exact output, as raw values (NCHW). */
  public static float[] exact(Case c) {
    ByteBuffer b = ByteBuffer.wrap(bytes(c.golden() + "-chelsea.ref.f32"))
        .order(ByteOrder.LITTLE_ENDIAN);
    float[] v = new float[b.remaining() / 4];
    b.asFloatBuffer().get(v);
    return v;
  }

  /** How far {@code output} (1x3xHxW, 0..1), rounded to 8 bits, is from the runtime's PNG. */
  public static Optional<RuntimeDiff> vsRuntime(Case c, Ort.Tensor output) {
    String name = "runtime/" + c.golden() + "-chelsea.png";
    if (Goldens.class.getResource(DIR + name) == null) {
      return Optional.empty();
    }
    BufferedImage image = png(name);
    int h = (int) output.shape()[2];
    int w = (int) output.shape()[3];
    if (image.getHeight() != h || image.getWidth() != w) {
      throw new AssertionError(name + " is " + image.getWidth() + "x" + image.getHeight()
          + ", the output " + w + "x" + h);
    }
    int[] counts = new int[256];
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        for (int ch = 0; ch < 3; ch++) {
          int runtime = (image.getRGB(x, y) >> (16 - 8 * ch)) & 0xff;
          float v = output.values()[(ch * h + y) * w + x];
          counts[Math.abs(runtime - (int) Math.round(Math.min(Math.max(v, 0), 1) * 255))]++;
        }
      }
    }
    return Optional.of(summarize(counts, 3 * h * w));
  }

  private static RuntimeDiff summarize(int[] counts, int n) {
    long sum = 0;
    int seen = 0;
    int p99 = -1;
    int max = 0;
    for (int d = 0; d < counts.length; d++) {
      sum += (long) d * counts[d];
      seen += counts[d];
      p99 = p99 < 0 && seen >= 0.99 * n ? d : p99;
      max = counts[d] > 0 ? d : max;
    }
    return new RuntimeDiff((double) sum / n, p99, max);
  }

  /** A PNG test resource of {@code owner}'s class loader, at an absolute resource path. */
  public static BufferedImage png(Class<?> owner, String resource) {
    try (InputStream in = owner.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("test resource " + resource + " is missing");
      }
      return ImageIO.read(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static BufferedImage png(String name) {
    try {
      return ImageIO.read(new ByteArrayInputStream(bytes(name)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static byte[] bytes(String name) {
    try (InputStream in = NcnnGoldens.class.getResourceAsStream(DIR + name)) {
      if (in == null) {
        throw new IllegalStateException("test resource " + DIR + name + " is missing");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
