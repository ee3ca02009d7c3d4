package io.upscaler.models.tfjs;

import ai.onnx.proto.OnnxMl.ModelProto;
import io.upscaler.models.ModelImportException;
import io.upscaler.models.UnsupportedLayerException;
import io.upscaler.models.onnx.GraphBuilder;
import io.upscaler.models.tfjs.LayersModel.Layer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Imports a TensorFlow.js layers-model (model.json plus float32 weight shards) of an
 * image-to-image Keras network as an fp32 ONNX graph: NCHW input {@code input} and output
 * {@code output} with dynamic batch, height and width, OIHW convolution weights, the original
 * value range. Supported layers: {@link KerasLayers#SUPPORTED}; anything else fails with an
 * {@link UnsupportedLayerException} naming the layer and its class.
 */
public final class TfjsImporter {
  public static final String INPUT = "input";
  public static final String OUTPUT = "output";

  private TfjsImporter() {}

  /**
   * Converts the model at {@code modelJson}.
   *
   * @param graphName name of the ONNX graph (the model id)
   * @param docString human description stored in the model
   * @param metadata ONNX metadata properties, in order
   * @throws ModelImportException (or its subclass UnsupportedLayerException) saying what could
   *     not be imported
   */
  public static ModelProto importModel(Path modelJson, String graphName, String docString,
      Map<String, String> metadata) {
    LayersModel model = LayersModel.read(modelJson);
    TfjsWeights weights = new TfjsWeights(modelJson.getParent(), model.weightGroups());
    GraphBuilder g = new GraphBuilder();
    Map<String, String> tensors = new HashMap<>();
    for (Layer layer : inTopologicalOrder(model.layers())) {
      tensors.put(layer.name(), convert(layer, tensors, g, weights, model.inputLayer()));
    }
    if (!weights.unused().isEmpty()) {
      throw new ModelImportException("weights not used by any layer: " + weights.unused());
    }
    String out = tensors.get(model.outputLayer());
    if (out == null || !tensors.containsKey(model.inputLayer())) {
      throw new ModelImportException("the model's input layer '" + model.inputLayer()
          + "' or output layer '" + model.outputLayer() + "' is not among its layers");
    }
    g.output(out, OUTPUT);
    return g.build(graphName, docString, metadata);
  }

  private static String convert(Layer layer, Map<String, String> tensors, GraphBuilder g,
      TfjsWeights weights, String inputLayer) {
    if (layer.className().equals("InputLayer")) {
      return input(layer, g, inputLayer);
    }
    List<String> inputs = new ArrayList<>();
    for (String name : layer.inbound()) {
      inputs.add(tensors.get(name));
    }
    if (inputs.isEmpty()) {
      throw new ModelImportException("layer '" + layer.name() + "' of class '" + layer.className()
          + "' has no inputs");
    }
    return KerasLayers.forLayer(layer).convert(layer, inputs, g, weights);
  }

  private static String input(Layer layer, GraphBuilder g, String inputLayer) {
    Options o = new Options(layer);
    if (!layer.name().equals(inputLayer)) {
      throw o.unsupported("is a second input; only single-input models are supported");
    }
    var shape = o.config.path("batch_input_shape");
    String dtype = o.config.path("dtype").asText("float32");
    if (shape.size() != 4 || !shape.get(3).canConvertToInt() || !dtype.equals("float32")) {
      throw o.unsupported("declares input " + shape + " " + dtype
          + "; expected float32 [batch, height, width, channels] with known channels");
    }
    return g.input(INPUT, shape.get(3).asInt());
  }

  /** Layers ordered so that each comes after the layers it reads (file order where possible). */
  private static List<Layer> inTopologicalOrder(List<Layer> layers) {
    Map<String, Layer> pending = new LinkedHashMap<>();
    layers.forEach(l -> {
      if (pending.put(l.name(), l) != null) {
        throw new ModelImportException("two layers are named '" + l.name() + "'");
      }
    });
    List<Layer> ordered = new ArrayList<>();
    Set<String> done = new HashSet<>();
    while (!pending.isEmpty()) {
      Layer next = pending.values().stream().filter(l -> done.containsAll(l.inbound()))
          .findFirst().orElseThrow(() -> new ModelImportException("layers " + pending.keySet()
              + " read layers that do not exist or form a cycle"));
      pending.remove(next.name());
      ordered.add(next);
      done.add(next.name());
    }
    return ordered;
  }
}
