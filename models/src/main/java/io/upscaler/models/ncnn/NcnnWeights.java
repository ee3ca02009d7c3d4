package io.upscaler.models.ncnn;

import io.upscaler.models.ModelImportException;
import io.upscaler.models.onnx.Float16;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads an ncnn weight file ({@code .bin}) front to back, in the order the layers load it. Layers
 * load two kinds of arrays (ncnn's {@code ModelBin::load} types):
 * <ul>
 *   <li><b>tagged</b> (convolution kernels): a 4-byte tag, then 0x01306B47 = float16 values,
 *       0x00000000 = float32 values, a tag with other nonzero bytes = a table of 256 float32 values
 *       followed by one uint8 index per value; each padded to a multiple of 4 bytes. Int8
 *       (0x000D4B38) and scaled (0x0002C056) data are refused: they need quantization scales.
 *   <li><b>raw</b> (biases, PReLU slopes, ...): float32 values.
 * </ul>
 * All little-endian. Not thread-safe.
 */
final class NcnnWeights {
  static final int TAG_FP16 = 0x01306B47;
  static final int TAG_INT8 = 0x000D4B38;
  static final int TAG_SCALED = 0x0002C056;
  private final String fileName;
  private final ByteBuffer data;

  NcnnWeights(String fileName, byte[] bytes) {
    this.fileName = fileName;
    this.data = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
  }

  static NcnnWeights read(Path file) {
    try {
      return new NcnnWeights(file.getFileName().toString(), Files.readAllBytes(file));
    } catch (IOException e) {
      throw new ModelImportException("cannot read ncnn weights " + file + ": " + e.getMessage(), e);
    }
  }

  /** {@code count} values stored with a type tag; {@code what} names them in errors. */
  float[] tagged(int count, String what) {
    int tag = need(4, what + " (type tag)").getInt();
    if (tag == TAG_FP16) {
      ByteBuffer b = need(align4(2L * count), what + " (float16)");
      float[] values = new float[count];
      for (int i = 0; i < count; i++) {
        values[i] = Float16.toFloat(b.getShort(2 * i));
      }
      return values;
    }
    if (tag == 0) {
      return raw(count, what);
    }
    if (tag == TAG_INT8 || tag == TAG_SCALED) {
      throw new ModelImportException(fileName + ": " + what + " are stored as "
          + (tag == TAG_INT8 ? "int8" : "scaled float32") + String.format(" (tag 0x%08X)", tag)
          + ", which the importer does not support: convert the model with fp32 or fp16 weights");
    }
    return quantized(count, what);
  }

  /** {@code count} float32 values without a tag. */
  float[] raw(int count, String what) {
    ByteBuffer b = need(4L * count, what + " (float32)");
    float[] values = new float[count];
    b.asFloatBuffer().get(values);
    return values;
  }

  /** Refuses bytes left over after the last layer: the weights belong to another graph. */
  void requireFullyRead() {
    if (data.hasRemaining()) {
      throw new ModelImportException(fileName + " has " + data.remaining() + " bytes left after the"
          + " last layer's weights: it does not belong to this graph");
    }
  }

  private float[] quantized(int count, String what) {
    ByteBuffer table = need(256L * 4, what + " (value table)");
    ByteBuffer index = need(align4(count), what + " (indices)");
    float[] values = new float[count];
    for (int i = 0; i < count; i++) {
      values[i] = table.getFloat(4 * Byte.toUnsignedInt(index.get(i)));
    }
    return values;
  }

  /** A little-endian view of the next {@code bytes} bytes, which are consumed. */
  private ByteBuffer need(long bytes, String what) {
    if (bytes > data.remaining()) {
      throw new ModelImportException(fileName + " ends at byte " + data.position() + " while "
          + bytes + " more bytes of " + what + " are needed: the file is truncated or belongs to"
          + " another graph");
    }
    ByteBuffer slice = data.slice().order(ByteOrder.LITTLE_ENDIAN).limit((int) bytes);
    data.position(data.position() + (int) bytes);
    return slice;
  }

  private static long align4(long bytes) {
    return (bytes + 3) / 4 * 4;
  }
}
