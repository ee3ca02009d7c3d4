package io.upscaler.models.ncnn;

import ai.onnx.proto.OnnxMl.ModelProto;
import io.upscaler.models.ModelImportException;
import io.upscaler.models.UnsupportedLayerException;
import io.upscaler.models.onnx.GraphBuilder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Imports an ncnn model (text graph {@code <name>.param} plus weights {@code <name>.bin} beside
 * it) of an image-to-image network as an fp32 ONNX graph: NCHW input {@code input} and output
 * {@code output} with dynamic batch, height and width, and the original value range. The output
 * is the one blob no layer reads. Layer types: Input, Split, and those of {@link NcnnLayers}
 * ({@link #SUPPORTED}); any other type, unknown parameter id or unimplemented parameter value
 * fails with an {@link UnsupportedLayerException} naming the layer, its type and the parameter.
 */
public final class NcnnImporter {
  public static final String INPUT = "input";
  public static final String OUTPUT = "output";
  /** Layer types this importer converts. */
  public static final List<String> SUPPORTED = supported();
  /** Input channels when the Input layer does not state them (2=): image models take RGB. */
  private static final int DEFAULT_CHANNELS = 3;

  private NcnnImporter() {}

  /**
   * Converts the model whose graph is {@code param}.
   *
   * @param graphName name of the ONNX graph (the model id)
   * @param docString human description stored in the model
   * @param metadata ONNX metadata properties, in order
   * @throws ModelImportException (or its subclass UnsupportedLayerException) saying what could
   *     not be imported
   */
  public static ModelProto importModel(Path param, String graphName, String docString,
      Map<String, String> metadata) {
    String file = param.getFileName().toString();
    if (!file.endsWith(".param")) {
      throw new ModelImportException("ncnn graph " + param + " must be named <model>.param");
    }
    List<NcnnLayer> layers = NcnnParamFile.read(param);
    NcnnWeights weights = NcnnWeights.read(param.resolveSibling(
        file.substring(0, file.length() - ".param".length()) + ".bin"));
    GraphBuilder g = new GraphBuilder();
    Map<String, String> blobs = new HashMap<>();
    Set<String> unread = new LinkedHashSet<>();
    for (NcnnLayer layer : layers) {
      List<String> inputs = inputs(layer, blobs, unread);
      List<String> outputs = convert(layer, inputs, g, weights);
      for (int i = 0; i < outputs.size(); i++) {
        if (blobs.put(layer.tops().get(i), outputs.get(i)) != null) {
          throw layer.unsupported("writes blob '" + layer.tops().get(i) + "', which another layer"
              + " already wrote");
        }
        unread.add(layer.tops().get(i));
      }
    }
    weights.requireFullyRead();
    g.output(blobs.get(outputBlob(unread)), OUTPUT);
    return g.build(graphName, docString, metadata);
  }

  private static List<String> inputs(NcnnLayer layer, Map<String, String> blobs,
      Set<String> unread) {
    List<String> inputs = new ArrayList<>();
    for (String blob : layer.bottoms()) {
      String tensor = blobs.get(blob);
      if (tensor == null) {
        throw layer.unsupported("reads blob '" + blob + "', which no earlier layer writes");
      }
      inputs.add(tensor);
      unread.remove(blob);
    }
    return inputs;
  }

  /** The ONNX tensors for the layer's output blobs, in order. */
  private static List<String> convert(NcnnLayer layer, List<String> inputs, GraphBuilder g,
      NcnnWeights weights) {
    switch (layer.type()) {
      case "Input":
        return input(layer, inputs, g);
      case "Split":
        // Split only hands the same blob to several readers; ONNX tensors can have many readers.
        layer.allowOnly();
        String x = layer.single(inputs);
        return layer.tops().stream().map(t -> x).toList();
      default:
        NcnnLayers.Converter converter = NcnnLayers.CONVERTERS.get(layer.type());
        if (converter == null) {
          throw layer.unsupported("is not supported by the ncnn importer (supported types: "
              + SUPPORTED + ")");
        }
        if (layer.tops().size() != 1) {
          throw layer.unsupported("has " + layer.tops().size() + " outputs; it has one");
        }
        try {
          return List.of(converter.convert(layer, inputs, g, weights));
        } catch (IllegalArgumentException e) {
          throw layer.unsupported("cannot be converted: " + e.getMessage());
        }
    }
  }

  private static List<String> input(NcnnLayer layer, List<String> inputs, GraphBuilder g) {
    layer.allowOnly(0, 1, 2);
    if (!inputs.isEmpty() || layer.tops().size() != 1) {
      throw layer.unsupported("has inputs or more than one output");
    }
    int channels = layer.integer(2, 0) == 0 ? DEFAULT_CHANNELS : layer.integer(2, 0);
    try {
      return List.of(g.input(INPUT, channels));
    } catch (IllegalStateException second) {
      throw layer.unsupported("is a second input; only single-input models are supported");
    }
  }

  private static String outputBlob(Set<String> unread) {
    if (unread.size() != 1) {
      throw new ModelImportException("the graph must have one output blob (written but never read),"
          + " it has " + unread);
    }
    return unread.iterator().next();
  }

  private static List<String> supported() {
    Set<String> types = new TreeSet<>(NcnnLayers.CONVERTERS.keySet());
    types.add("Input");
    types.add("Split");
    return List.copyOf(types);
  }
}
