package io.upscaler.models.tfjs;

import io.upscaler.models.ModelImportException;
import io.upscaler.models.tfjs.LayersModel.WeightGroup;
import io.upscaler.models.tfjs.LayersModel.WeightSpec;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The float32 weights of a TF.js layers-model, read from its shards, by weight name. Tracks which
 * weights were taken so that an import can refuse weights no layer uses.
 */
final class TfjsWeights {
  private final Map<String, WeightSpec> specs = new LinkedHashMap<>();
  private final Map<String, float[]> values = new LinkedHashMap<>();
  private final Set<String> taken = new TreeSet<>();

  TfjsWeights(Path modelDir, Iterable<WeightGroup> groups) {
    for (WeightGroup group : groups) {
      read(modelDir, group);
    }
  }

  private void read(Path modelDir, WeightGroup group) {
    ByteBuffer data = ByteBuffer.wrap(concatenate(modelDir, group)).order(ByteOrder.LITTLE_ENDIAN);
    for (WeightSpec spec : group.weights()) {
      if (spec.quantized() || !spec.dtype().equals("float32")) {
        throw new ModelImportException("weight '" + spec.name() + "' is " + spec.dtype()
            + (spec.quantized() ? " (quantized)" : "") + "; only float32 weights are supported");
      }
      long bytes = spec.size() * Float.BYTES;
      if (bytes > data.remaining()) {
        throw new ModelImportException("weight shards " + group.paths() + " are truncated: weight '"
            + spec.name() + "' needs " + bytes + " bytes, " + data.remaining() + " are left");
      }
      float[] w = new float[(int) spec.size()];
      data.asFloatBuffer().get(w);
      data.position(data.position() + (int) bytes);
      if (specs.put(spec.name(), spec) != null) {
        throw new ModelImportException("weight '" + spec.name() + "' is listed twice");
      }
      values.put(spec.name(), w);
    }
    if (data.hasRemaining()) {
      throw new ModelImportException("weight shards " + group.paths() + " hold " + data.remaining()
          + " bytes more than the manifest lists");
    }
  }

  private static byte[] concatenate(Path modelDir, WeightGroup group) {
    ByteArrayOutputStream all = new ByteArrayOutputStream();
    for (String path : group.paths()) {
      Path shard = modelDir.resolve(path).normalize();
      if (!shard.startsWith(modelDir.normalize()) || !Files.isRegularFile(shard)) {
        throw new ModelImportException("weight shard '" + path + "' is not a file inside "
            + modelDir);
      }
      try {
        all.write(Files.readAllBytes(shard));
      } catch (IOException e) {
        throw new ModelImportException("cannot read weight shard " + shard + ": " + e.getMessage(),
            e);
      }
    }
    return all.toByteArray();
  }

  /** Weight {@code layer/suffix}, checked against the expected shape. */
  float[] take(String layer, String suffix, int... expectedShape) {
    String name = layer + "/" + suffix;
    WeightSpec spec = specs.get(name);
    if (spec == null) {
      throw new ModelImportException("layer '" + layer + "' needs weight '" + name
          + "', which the manifest does not list");
    }
    if (!Arrays.equals(spec.shape(), expectedShape)) {
      throw new ModelImportException("weight '" + name + "' has shape "
          + Arrays.toString(spec.shape()) + " but layer '" + layer + "' needs "
          + Arrays.toString(expectedShape));
    }
    taken.add(name);
    return values.get(name);
  }

  /** Shape of weight {@code layer/suffix}, or null when absent. */
  int[] shape(String layer, String suffix) {
    WeightSpec spec = specs.get(layer + "/" + suffix);
    return spec == null ? null : spec.shape().clone();
  }

  /** Weights that no layer took. */
  Set<String> unused() {
    Set<String> unused = new TreeSet<>(specs.keySet());
    unused.removeAll(taken);
    return unused;
  }
}
