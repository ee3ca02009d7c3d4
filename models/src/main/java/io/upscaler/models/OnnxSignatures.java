package io.upscaler.models;

import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.TensorShapeProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import com.google.protobuf.InvalidProtocolBufferException;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Reads what an ONNX file declares about its inputs and outputs, without an inference runtime. */
public final class OnnxSignatures {
  private OnnxSignatures() {}

  /**
   * The signature of an ONNX model.
   *
   * @throws ModelValidationException when the bytes are not an ONNX model
   */
  public static ModelSignature read(byte[] onnxBytes) {
    return of(parse(onnxBytes));
  }

  /** The signature of a parsed model. */
  public static ModelSignature of(ModelProto model) {
    GraphProto graph = model.getGraph();
    Set<String> initializers = new HashSet<>();
    graph.getInitializerList().forEach(t -> initializers.add(t.getName()));
    List<TensorSignature> inputs = graph.getInputList().stream()
        .filter(v -> !initializers.contains(v.getName()))
        .map(OnnxSignatures::signature).toList();
    List<TensorSignature> outputs = graph.getOutputList().stream()
        .map(OnnxSignatures::signature).toList();
    return new ModelSignature(inputs, outputs);
  }

  /**
   * Parses ONNX bytes.
   *
   * @throws ModelValidationException when the bytes are not an ONNX model
   */
  public static ModelProto parse(byte[] onnxBytes) {
    ModelProto model;
    try {
      model = ModelProto.parseFrom(onnxBytes);
    } catch (InvalidProtocolBufferException e) {
      throw new ModelValidationException("not an ONNX model (" + onnxBytes.length
          + " bytes): the protobuf does not parse: " + e.getMessage(), e);
    }
    // Protobuf accepts many byte strings; a model has an IR version and a graph with outputs.
    if (model.getIrVersion() <= 0 || !model.hasGraph() || model.getGraph().getOutputCount() == 0) {
      throw new ModelValidationException("not an ONNX model (" + onnxBytes.length
          + " bytes): no IR version or no graph outputs");
    }
    return model;
  }

  private static TensorSignature signature(ValueInfoProto v) {
    if (!v.getType().hasTensorType()) {
      return new TensorSignature(v.getName(), "non-tensor", new long[0]);
    }
    var tensor = v.getType().getTensorType();
    long[] shape = tensor.getShape().getDimList().stream()
        .mapToLong(d -> d.getValueCase() == TensorShapeProto.Dimension.ValueCase.DIM_VALUE
            ? d.getDimValue() : -1)
        .toArray();
    return new TensorSignature(v.getName(), elementType(tensor.getElemType()), shape);
  }

  /** "float32" and "float16" for those types, else ONNX's own name in lower case. */
  static String elementType(int onnxType) {
    if (onnxType == TensorProto.DataType.FLOAT_VALUE) {
      return "float32";
    }
    if (onnxType == TensorProto.DataType.FLOAT16_VALUE) {
      return "float16";
    }
    TensorProto.DataType t = TensorProto.DataType.forNumber(onnxType);
    return t == null ? "type#" + onnxType : t.name().toLowerCase(Locale.ROOT);
  }
}
