package io.upscaler.models;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The TensorFlow.js golden outputs of the UpscalerJS models (copied from the shared goldens into
 * test resources {@code /golden/upscalerjs/}, or read from a folder): raw float32 NHWC files.
 */
public final class Goldens {
  private final Path dir;

  private Goldens(Path dir) {
    this.dir = dir;
  }

  /** Goldens from test resources. */
  public static Goldens fromClasspath() {
    return new Goldens(null);
  }

  /** Goldens from a folder holding cases.json and the .f32 files. */
  public static Goldens fromFolder(Path dir) {
    return new Goldens(dir);
  }

  /**
   * One golden case.
   *
   * @param model model id
   * @param valueMax 255 or 1: inputs files hold 0..255 and are divided by 255 for 1
   * @param input input file name
   * @param output output file name
   * @param inputNhwc input shape
   * @param outputNhwc output shape
   */
  public record Case(String model, double valueMax, String input, String output, int[] inputNhwc,
      int[] outputNhwc) {
    @Override
    public String toString() {
      return model + " " + input;
    }
  }

  public List<Case> cases() {
    try {
      JsonNode root = new ObjectMapper().readTree(bytes("cases.json"));
      List<Case> cases = new ArrayList<>();
      for (JsonNode c : root.path("cases")) {
        cases.add(new Case(c.path("model").asText(), c.path("value_range").get(1).asDouble(),
            c.path("input").asText(), c.path("output").asText(), ints(c.path("input_shape_nhwc")),
            ints(c.path("output_shape_nhwc"))));
      }
      return cases;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The case's input as an NCHW tensor in the model's value range. */
  public Ort.Tensor input(Case c) {
    float[] nhwc = floats(c.input());
    float scale = (float) (c.valueMax() / 255.0);
    for (int i = 0; i < nhwc.length; i++) {
      nhwc[i] *= scale;
    }
    return toNchw(nhwc, c.inputNhwc());
  }

  /** The golden output as an NCHW tensor. */
  public Ort.Tensor output(Case c) {
    return toNchw(floats(c.output()), c.outputNhwc());
  }

  static Ort.Tensor toNchw(float[] nhwc, int[] shape) {
    int n = shape[0];
    int h = shape[1];
    int w = shape[2];
    int ch = shape[3];
    float[] nchw = new float[nhwc.length];
    for (int b = 0; b < n; b++) {
      for (int y = 0; y < h; y++) {
        for (int x = 0; x < w; x++) {
          for (int c = 0; c < ch; c++) {
            nchw[((b * ch + c) * h + y) * w + x] = nhwc[((b * h + y) * w + x) * ch + c];
          }
        }
      }
    }
    return new Ort.Tensor(nchw, new long[] {n, ch, h, w});
  }

  private float[] floats(String name) {
    ByteBuffer b = ByteBuffer.wrap(bytes(name)).order(ByteOrder.LITTLE_ENDIAN);
    float[] values = new float[b.remaining() / 4];
    b.asFloatBuffer().get(values);
    return values;
  }

  private byte[] bytes(String name) {
    try {
      if (dir != null) {
        return Files.readAllBytes(dir.resolve(name));
      }
      try (InputStream in = Goldens.class.getResourceAsStream("/golden/upscalerjs/" + name)) {
        if (in == null) {
          throw new IllegalStateException("test resource /golden/upscalerjs/" + name + " is missing");
        }
        return in.readAllBytes();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static int[] ints(JsonNode array) {
    int[] values = new int[array.size()];
    for (int i = 0; i < values.length; i++) {
      values[i] = array.get(i).asInt();
    }
    return values;
  }

  /** Largest and mean absolute difference. */
  public record Diff(double max, double mean) {
    public static Diff of(float[] actual, float[] expected) {
      if (actual.length != expected.length) {
        throw new AssertionError("sizes differ: " + actual.length + " vs " + expected.length);
      }
      double max = 0;
      double sum = 0;
      for (int i = 0; i < actual.length; i++) {
        double d = Math.abs((double) actual[i] - expected[i]);
        max = Double.isNaN(d) ? Double.POSITIVE_INFINITY : Math.max(max, d);
        sum += d;
      }
      return new Diff(max, sum / actual.length);
    }
  }
}
