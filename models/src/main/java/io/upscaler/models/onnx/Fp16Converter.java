package io.upscaler.models.onnx;

import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.TypeProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import com.google.protobuf.ByteString;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Turns an fp32 graph into a full fp16 graph: float16 inputs, outputs and weights, so the model
 * runs in half precision end to end on a GPU (half the weight bytes and memory traffic). Only the
 * tensors whose type ONNX fixes to float32 stay float32 (the {@code scales} and {@code roi} inputs
 * of Resize). Weights are rounded to the nearest float16 ({@link Float16}).
 */
public final class Fp16Converter {
  private static final int FLOAT = TensorProto.DataType.FLOAT_VALUE;
  private static final int FLOAT16 = TensorProto.DataType.FLOAT16_VALUE;
  /** Ops whose attributes hold element types or tensors: converting them needs more than this does. */
  private static final Set<String> UNHANDLED = Set.of(
      "Cast", "CastLike", "Constant", "ConstantOfShape", "EyeLike", "RandomNormal", "RandomUniform",
      "RandomNormalLike", "RandomUniformLike", "If", "Loop", "Scan");

  private Fp16Converter() {}

  /** The fp16 version of {@code model}; throws IllegalArgumentException for graphs it cannot convert. */
  public static ModelProto convert(ModelProto model) {
    GraphProto graph = model.getGraph();
    Set<String> keepFloat = fixedFloatInputs(graph.getNodeList());
    GraphProto.Builder out = graph.toBuilder().clearInput().clearOutput().clearValueInfo()
        .clearInitializer();
    graph.getInputList().forEach(v -> out.addInput(toHalf(v)));
    graph.getOutputList().forEach(v -> out.addOutput(toHalf(v)));
    graph.getValueInfoList().forEach(v -> out.addValueInfo(toHalf(v)));
    for (TensorProto t : graph.getInitializerList()) {
      out.addInitializer(keepFloat.contains(t.getName()) ? t : toHalf(t));
    }
    return model.toBuilder().setGraph(out).build();
  }

  private static Set<String> fixedFloatInputs(List<NodeProto> nodes) {
    Set<String> names = new HashSet<>();
    for (NodeProto node : nodes) {
      if (UNHANDLED.contains(node.getOpType())) {
        throw new IllegalArgumentException("fp16 conversion does not handle op " + node.getOpType()
            + " (node '" + node.getName() + "')");
      }
      if (node.getOpType().equals("Resize")) {
        for (int i = 1; i < Math.min(3, node.getInputCount()); i++) {
          names.add(node.getInput(i));
        }
      }
    }
    return names;
  }

  private static ValueInfoProto toHalf(ValueInfoProto v) {
    if (!v.getType().hasTensorType() || v.getType().getTensorType().getElemType() != FLOAT) {
      return v;
    }
    TypeProto.Builder type = v.getType().toBuilder();
    type.getTensorTypeBuilder().setElemType(FLOAT16);
    return v.toBuilder().setType(type).build();
  }

  private static TensorProto toHalf(TensorProto t) {
    if (t.getDataType() != FLOAT) {
      return t;
    }
    float[] values = floats(t);
    ByteBuffer raw = ByteBuffer.allocate(values.length * 2).order(ByteOrder.LITTLE_ENDIAN);
    for (float v : values) {
      raw.putShort(Float16.fromFloat(v));
    }
    return t.toBuilder().clearFloatData().setDataType(FLOAT16)
        .setRawData(ByteString.copyFrom(raw.array())).build();
  }

  /** The values of a float32 tensor, whether stored as raw bytes or as float_data. */
  public static float[] floats(TensorProto t) {
    if (t.hasRawData()) {
      FloatBuffer fb = t.getRawData().asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN)
          .asFloatBuffer();
      float[] values = new float[fb.remaining()];
      fb.get(values);
      return values;
    }
    float[] values = new float[t.getFloatDataCount()];
    for (int i = 0; i < values.length; i++) {
      values[i] = t.getFloatData(i);
    }
    return values;
  }
}
