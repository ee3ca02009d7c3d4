package io.upscaler.models.onnx;

import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.TensorShapeProto;
import ai.onnx.proto.OnnxMl.TypeProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import com.google.protobuf.ByteString;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** Protobuf pieces {@link GraphBuilder} assembles a model from. */
final class OnnxProtos {
  private OnnxProtos() {}

  /** A float32 tensor with raw little-endian data. */
  static TensorProto floatTensor(String name, float[] values, long... dims) {
    ByteBuffer raw = ByteBuffer.allocate(values.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
    raw.asFloatBuffer().put(values);
    TensorProto.Builder t = TensorProto.newBuilder().setName(name)
        .setDataType(TensorProto.DataType.FLOAT_VALUE).setRawData(ByteString.copyFrom(raw.array()));
    for (long d : dims) {
      t.addDims(d);
    }
    return t.build();
  }

  /** A float32 {@code [N, channels, h, w]} image batch with symbolic N, h and w. */
  static ValueInfoProto imageValueInfo(String name, int channelCount, String h, String w) {
    TensorShapeProto shape = TensorShapeProto.newBuilder()
        .addDim(TensorShapeProto.Dimension.newBuilder().setDimParam("N"))
        .addDim(TensorShapeProto.Dimension.newBuilder().setDimValue(channelCount))
        .addDim(TensorShapeProto.Dimension.newBuilder().setDimParam(h))
        .addDim(TensorShapeProto.Dimension.newBuilder().setDimParam(w))
        .build();
    TypeProto type = TypeProto.newBuilder().setTensorType(TypeProto.Tensor.newBuilder()
        .setElemType(TensorProto.DataType.FLOAT_VALUE).setShape(shape)).build();
    return ValueInfoProto.newBuilder().setName(name).setType(type).build();
  }

  /** Names the output's spatial dims after the measured scale, e.g. "H*4", so readers see it. */
  static ModelProto withScaledOutputDims(ModelProto model) {
    int scale;
    try {
      scale = GraphStats.of(model).scale();
    } catch (IllegalArgumentException notOneIntegerScale) {
      return model; // keep the neutral names H_out, W_out
    }
    ModelProto.Builder b = model.toBuilder();
    TensorShapeProto.Builder shape = b.getGraphBuilder().getOutputBuilder(0).getTypeBuilder()
        .getTensorTypeBuilder().getShapeBuilder();
    shape.getDimBuilder(2).setDimParam("H*" + scale);
    shape.getDimBuilder(3).setDimParam("W*" + scale);
    return b.build();
  }

  /** The node with tensor {@code from} renamed to {@code to} among its inputs and outputs. */
  static NodeProto renameOutput(NodeProto node, String from, String to) {
    NodeProto.Builder b = node.toBuilder();
    for (int i = 0; i < b.getInputCount(); i++) {
      if (b.getInput(i).equals(from)) {
        b.setInput(i, to);
      }
    }
    for (int i = 0; i < b.getOutputCount(); i++) {
      if (b.getOutput(i).equals(from)) {
        b.setOutput(i, to);
      }
    }
    return b.build();
  }
}
