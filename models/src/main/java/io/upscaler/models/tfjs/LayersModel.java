package io.upscaler.models.tfjs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.upscaler.models.ModelImportException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A TensorFlow.js "layers-model" (model.json): a Keras functional model's topology and the
 * manifest of its weight shards. Only what the importer needs is kept.
 *
 * @param layers layers in file order
 * @param inputLayer name of the single input layer
 * @param outputLayer name of the layer whose output is the model output
 * @param weightGroups weight shard groups in manifest order
 */
record LayersModel(List<Layer> layers, String inputLayer, String outputLayer,
    List<WeightGroup> weightGroups) {

  /**
   * A layer and the layers it reads.
   *
   * @param className Keras class name, e.g. "Conv2D"
   * @param name unique layer name
   * @param config the layer's config object
   * @param inbound names of the layers whose (first) outputs feed this one, in order
   */
  record Layer(String className, String name, JsonNode config, List<String> inbound) {}

  /**
   * One weight tensor in a shard group.
   *
   * @param name e.g. "conv1/kernel"
   * @param shape dimensions
   * @param dtype e.g. "float32"
   * @param quantized whether the manifest declares quantization
   */
  record WeightSpec(String name, int[] shape, String dtype, boolean quantized) {
    long size() {
      long n = 1;
      for (int d : shape) {
        n *= d;
      }
      return n;
    }
  }

  /**
   * Shards that hold consecutive weights.
   *
   * @param paths shard files relative to model.json, in order
   * @param weights the weights stored back to back across the concatenated shards
   */
  record WeightGroup(List<String> paths, List<WeightSpec> weights) {}

  static LayersModel read(Path modelJson) {
    JsonNode root;
    try {
      root = new ObjectMapper().readTree(Files.readAllBytes(modelJson));
    } catch (IOException e) {
      throw new ModelImportException("cannot read TF.js model " + modelJson + ": " + e.getMessage(),
          e);
    }
    String format = root.path("format").asText("");
    if (!format.equals("layers-model")) {
      throw new ModelImportException(modelJson + " is not a TF.js layers-model (format '"
          + format + "')");
    }
    JsonNode modelConfig = root.path("modelTopology").path("model_config");
    String modelClass = modelConfig.path("class_name").asText("");
    if (!modelClass.equals("Functional") && !modelClass.equals("Model")) {
      throw new ModelImportException(modelJson + ": model class '" + modelClass
          + "' is not supported (only Keras functional models)");
    }
    JsonNode config = modelConfig.path("config");
    List<Layer> layers = new ArrayList<>();
    for (JsonNode layer : config.path("layers")) {
      layers.add(layer(layer));
    }
    return new LayersModel(layers, single(config, "input_layers"), single(config, "output_layers"),
        weightGroups(root.path("weightsManifest")));
  }

  private static Layer layer(JsonNode layer) {
    String className = layer.path("class_name").asText();
    String name = layer.path("name").asText(layer.path("config").path("name").asText());
    JsonNode nodes = layer.path("inbound_nodes");
    if (nodes.size() > 1) {
      throw new ModelImportException("layer '" + name + "' of class '" + className
          + "' is called " + nodes.size() + " times; shared layers are not supported");
    }
    List<String> inbound = new ArrayList<>();
    if (nodes.size() == 1) {
      for (JsonNode ref : nodes.get(0)) {
        if (!ref.isArray() || ref.path(1).asInt(-1) != 0 || ref.path(2).asInt(-1) != 0) {
          throw new ModelImportException("layer '" + name + "' of class '" + className
              + "' has an inbound reference this importer does not understand: " + ref);
        }
        inbound.add(ref.get(0).asText());
      }
    }
    return new Layer(className, name, layer.path("config"), List.copyOf(inbound));
  }

  private static String single(JsonNode config, String field) {
    JsonNode refs = config.path(field);
    if (refs.size() != 1) {
      throw new ModelImportException("the model must have exactly one entry in " + field
          + ", it has " + refs);
    }
    return refs.get(0).get(0).asText();
  }

  private static List<WeightGroup> weightGroups(JsonNode manifest) {
    List<WeightGroup> groups = new ArrayList<>();
    for (JsonNode group : manifest) {
      List<String> paths = new ArrayList<>();
      group.path("paths").forEach(p -> paths.add(p.asText()));
      List<WeightSpec> weights = new ArrayList<>();
      for (JsonNode w : group.path("weights")) {
        int[] shape = new int[w.path("shape").size()];
        for (int i = 0; i < shape.length; i++) {
          shape[i] = w.path("shape").get(i).asInt();
        }
        weights.add(new WeightSpec(w.path("name").asText(), shape, w.path("dtype").asText(),
            w.has("quantization")));
      }
      groups.add(new WeightGroup(List.copyOf(paths), List.copyOf(weights)));
    }
    return groups;
  }
}
