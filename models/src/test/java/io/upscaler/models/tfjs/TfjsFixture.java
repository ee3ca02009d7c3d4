package io.upscaler.models.tfjs;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Writes small TF.js layers-models (model.json + weight shards) with random weights, the way the
 * TF.js converter lays them out, and keeps the layers so {@link KerasReference} can evaluate them.
 */
public final class TfjsFixture {
  static final ObjectMapper JSON = new ObjectMapper();

  /** A layer as written to model.json. */
  record Layer(String className, String name, ObjectNode config, List<String> inbound) {}

  final List<Layer> layers = new ArrayList<>();
  final Map<String, float[]> weights = new LinkedHashMap<>();
  final Map<String, int[]> shapes = new LinkedHashMap<>();
  private final Random random;
  private String output;

  public TfjsFixture(long seed) {
    random = new Random(seed);
  }

  public TfjsFixture input(String name, int channels) {
    ObjectNode c = config(name);
    ArrayNode shape = c.putArray("batch_input_shape");
    shape.addNull().addNull().addNull().add(channels);
    c.put("dtype", "float32");
    layers.add(new Layer("InputLayer", name, c, List.of()));
    return this;
  }

  /** A Conv2D layer with random kernel (and bias when {@code useBias}). */
  public TfjsFixture conv(String name, String in, int inChannels, int filters, int[] kernel,
      int stride, int dilation, String padding, int groups, boolean useBias, String activation) {
    ObjectNode c = config(name);
    c.put("filters", filters);
    c.putArray("kernel_size").add(kernel[0]).add(kernel[1]);
    c.putArray("strides").add(stride).add(stride);
    c.put("padding", padding);
    c.put("data_format", "channels_last");
    c.putArray("dilation_rate").add(dilation).add(dilation);
    c.put("groups", groups);
    c.put("activation", activation);
    c.put("use_bias", useBias);
    weight(name + "/kernel", kernel[0], kernel[1], inChannels / groups, filters);
    if (useBias) {
      weight(name + "/bias", filters);
    }
    return layer("Conv2D", name, c, in);
  }

  public TfjsFixture layer(String className, String name, ObjectNode config, String... inbound) {
    layers.add(new Layer(className, name, config, List.of(inbound)));
    output = name;
    return this;
  }

  public static ObjectNode config(String name) {
    ObjectNode c = JSON.createObjectNode();
    c.put("name", name);
    c.put("trainable", true);
    c.put("dtype", "float32");
    return c;
  }

  void weight(String name, int... shape) {
    int n = 1;
    for (int d : shape) {
      n *= d;
    }
    float[] w = new float[n];
    for (int i = 0; i < n; i++) {
      w[i] = (float) (random.nextGaussian() * 0.3);
    }
    weights.put(name, w);
    shapes.put(name, shape);
  }

  /** Writes model.json and the weights split over two shards (as large models are). */
  public Path write(Path dir) throws IOException {
    Files.createDirectories(dir);
    ObjectNode root = JSON.createObjectNode();
    root.put("format", "layers-model");
    root.put("generatedBy", "keras v2.10.0");
    ObjectNode mc = root.putObject("modelTopology").putObject("model_config");
    mc.put("class_name", "Functional");
    ObjectNode cfg = mc.putObject("config");
    cfg.put("name", "fixture");
    ArrayNode ls = cfg.putArray("layers");
    for (Layer l : layers) {
      ObjectNode node = ls.addObject();
      node.put("class_name", l.className());
      node.set("config", l.config());
      node.put("name", l.name());
      ArrayNode inbound = node.putArray("inbound_nodes");
      if (!l.inbound().isEmpty()) {
        ArrayNode call = inbound.addArray();
        l.inbound().forEach(i -> call.addArray().add(i).add(0).add(0).addObject());
      }
    }
    cfg.putArray("input_layers").addArray().add(layers.get(0).name()).add(0).add(0);
    cfg.putArray("output_layers").addArray().add(output).add(0).add(0);
    writeWeights(dir, root.putArray("weightsManifest").addObject());
    Path modelJson = dir.resolve("model.json");
    JSON.writeValue(modelJson.toFile(), root);
    return modelJson;
  }

  private void writeWeights(Path dir, ObjectNode group) throws IOException {
    ArrayNode specs = group.putArray("weights");
    int total = 0;
    for (Map.Entry<String, float[]> w : weights.entrySet()) {
      ObjectNode spec = specs.addObject();
      spec.put("name", w.getKey());
      ArrayNode shape = spec.putArray("shape");
      for (int d : shapes.get(w.getKey())) {
        shape.add(d);
      }
      spec.put("dtype", "float32");
      total += w.getValue().length;
    }
    ByteBuffer all = ByteBuffer.allocate(total * 4).order(ByteOrder.LITTLE_ENDIAN);
    for (float[] w : weights.values()) {
      for (float v : w) {
        all.putFloat(v);
      }
    }
    byte[] bytes = all.array();
    int half = Math.min(bytes.length, bytes.length / 2 + 1); // split mid-weight, like 4 MB shards
    Files.write(dir.resolve("group1-shard1of2.bin"), java.util.Arrays.copyOfRange(bytes, 0, half));
    Files.write(dir.resolve("group1-shard2of2.bin"),
        java.util.Arrays.copyOfRange(bytes, half, bytes.length));
    group.putArray("paths").add("group1-shard1of2.bin").add("group1-shard2of2.bin");
  }
}
