package io.upscaler.models.ncnn;

import io.upscaler.models.onnx.Float16;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * Writes small ncnn models ({@code .param} + {@code .bin}) with random weights, the way ncnn's
 * converters lay them out, and keeps the layers so {@link NcnnReference} can evaluate them.
 */
public final class NcnnFixture {
  /** How a convolution's weights are stored (the 4-byte tag before them). */
  public enum WeightFormat { FP16, FP32, TABLE, INT8 }

  /**
   * A layer as written: its parameter text and the arrays it loads from the .bin, in order.
   *
   * @param params "id=value" items separated by spaces
   * @param data weights, bias, slopes... as the reference sees them
   */
  record Layer(String type, String name, List<String> bottoms, List<String> tops, String params,
      List<float[]> data) {}

  final List<Layer> layers = new ArrayList<>();
  private final ByteArrayOutputStream bin = new ByteArrayOutputStream();
  private final Random random;

  public NcnnFixture(long seed) {
    random = new Random(seed);
  }

  public NcnnFixture input(String blob) {
    return layer("Input", "input", List.of(), List.of(blob), "");
  }

  /** A layer without weights. */
  public NcnnFixture layer(String type, String name, List<String> bottoms, List<String> tops,
      String params) {
    layers.add(new Layer(type, name, bottoms, tops, params, List.of()));
    return this;
  }

  /** A single-input, single-output layer without weights whose output blob is its name. */
  public NcnnFixture layer(String type, String name, String bottom, String params) {
    return layer(type, name, List.of(bottom), List.of(name), params);
  }

  /**
   * A Convolution from blob {@code in} to blob {@code name}: 0=out 1=kw 11=kh 5=bias 6=count plus
   * {@code extra} parameters; random weights stored as {@code format}, a raw fp32 bias.
   */
  public NcnnFixture conv(String name, String in, int inChannels, int out, int kh, int kw, boolean bias,
      WeightFormat format, String extra) {
    int count = out * inChannels * kh * kw;
    float[] w = tagged(count, format, 1.0 / Math.sqrt(inChannels * kh * kw));
    List<float[]> data = new ArrayList<>(List.of(w));
    if (bias) {
      data.add(raw(out, 0.2));
    }
    String params = "0=" + out + " 1=" + kw + " 11=" + kh + " 5=" + (bias ? 1 : 0) + " 6=" + count
        + (extra.isEmpty() ? "" : " " + extra);
    layers.add(new Layer("Convolution", name, List.of(in), List.of(name), params, data));
    return this;
  }

  /** A PReLU with {@code slopes} random slopes. */
  public NcnnFixture prelu(String name, String in, int slopes) {
    layers.add(new Layer("PReLU", name, List.of(in), List.of(name), "0=" + slopes,
        List.of(raw(slopes, 0.5))));
    return this;
  }

  /** Appends raw bytes to the .bin (for malformed files). */
  public NcnnFixture bytes(byte[] extra) {
    bin.writeBytes(extra);
    return this;
  }

  /** Writes {@code <base>.param} and {@code <base>.bin} into {@code dir}; returns the .param. */
  public Path write(Path dir, String base) throws IOException {
    StringBuilder p = new StringBuilder(NcnnParamFile.MAGIC + "\n");
    Set<String> blobs = new HashSet<>();
    layers.forEach(l -> {
      blobs.addAll(l.bottoms());
      blobs.addAll(l.tops());
    });
    p.append(layers.size()).append(' ').append(blobs.size()).append('\n');
    for (Layer l : layers) {
      p.append(String.format("%-16s %-16s %d %d", l.type(), l.name(), l.bottoms().size(),
          l.tops().size()));
      l.bottoms().forEach(b -> p.append(' ').append(b));
      l.tops().forEach(t -> p.append(' ').append(t));
      p.append(l.params().isEmpty() ? "" : " " + l.params()).append('\n');
    }
    Files.createDirectories(dir);
    Files.writeString(dir.resolve(base + ".param"), p);
    Files.write(dir.resolve(base + ".bin"), bin.toByteArray());
    return dir.resolve(base + ".param");
  }

  private float[] tagged(int count, WeightFormat format, double scale) {
    float[] w = new float[count];
    ByteBuffer b;
    switch (format) {
      case FP16:
        b = buffer(4 + align4(2 * count)).putInt(NcnnWeights.TAG_FP16);
        for (int i = 0; i < count; i++) {
          short h = Float16.fromFloat((float) (random.nextGaussian() * scale));
          w[i] = Float16.toFloat(h);
          b.putShort(h);
        }
        break;
      case FP32:
        b = buffer(4 + 4 * count).putInt(0);
        for (int i = 0; i < count; i++) {
          w[i] = (float) (random.nextGaussian() * scale);
          b.putFloat(w[i]);
        }
        break;
      case TABLE:
        float[] table = new float[256];
        b = buffer(4 + 1024 + align4(count)).putInt(0x00000101);
        for (int i = 0; i < 256; i++) {
          table[i] = (float) (random.nextGaussian() * scale);
          b.putFloat(table[i]);
        }
        for (int i = 0; i < count; i++) {
          int index = random.nextInt(256);
          w[i] = table[index];
          b.put((byte) index);
        }
        break;
      default:
        b = buffer(4 + align4(count)).putInt(NcnnWeights.TAG_INT8);
        for (int i = 0; i < count; i++) {
          b.put((byte) random.nextInt(256));
        }
    }
    bin.writeBytes(b.array());
    return w;
  }

  private float[] raw(int count, double scale) {
    float[] v = new float[count];
    ByteBuffer b = buffer(4 * count);
    for (int i = 0; i < count; i++) {
      v[i] = (float) (random.nextGaussian() * scale);
      b.putFloat(v[i]);
    }
    bin.writeBytes(b.array());
    return v;
  }

  private static ByteBuffer buffer(int bytes) {
    return ByteBuffer.allocate(bytes).order(ByteOrder.LITTLE_ENDIAN);
  }

  private static int align4(int bytes) {
    return (bytes + 3) / 4 * 4;
  }
}
