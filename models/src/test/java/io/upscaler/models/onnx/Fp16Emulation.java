package io.upscaler.models.onnx;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import com.google.protobuf.ByteString;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Set;

/**
 * An fp32 graph that computes what a device storing every tensor in float16 computes: weights
 * rounded to float16 (kept as float32 values), and the graph input and the output of every node
 * rounded to float16 by a Cast to float16 and back. Arithmetic inside each node stays float32.
 *
 * <p>Why this exists: ONNX Runtime's CPU provider (x86) has no float16 kernels for these graphs'
 * operators. Given an fp16 twin it inserts "precision-free" casts around the whole graph, so the
 * twin on the CPU computes in float32 with float16 weights, never rounding an activation. A GPU
 * running the twin stores every activation in float16 (cuDNN accumulates fp16 convolutions in
 * float32 on tensor cores). This graph reproduces that storage rounding on the CPU; run it with
 * optimizations disabled so no pass fuses a node pair and skips the rounding between them.
 */
public final class Fp16Emulation {
  /** Operators of the bundled graphs; each returns one float tensor. */
  private static final Set<String> FLOAT_OPS = Set.of(
      "Conv", "Relu", "PRelu", "LeakyRelu", "Add", "Mul", "Concat", "Resize", "DepthToSpace",
      "Sigmoid", "Clip", "Sub", "Div", "Max", "Min", "Tanh");
  private static final int FLOAT = TensorProto.DataType.FLOAT_VALUE;
  private static final int FLOAT16 = TensorProto.DataType.FLOAT16_VALUE;

  private Fp16Emulation() {}

  /** The rounding twin of an fp32 model. */
  public static ModelProto of(ModelProto fp32) {
    GraphProto graph = fp32.getGraph();
    GraphProto.Builder out = graph.toBuilder().clearNode().clearInitializer().clearValueInfo();
    for (TensorProto t : graph.getInitializerList()) {
      out.addInitializer(t.getDataType() == FLOAT && !t.getName().endsWith("/scales")
          ? roundedWeights(t) : t);
    }
    String input = graph.getInput(0).getName();
    String roundedInput = input + "/fp16";
    addRounding(out, input, roundedInput);
    for (NodeProto node : graph.getNodeList()) {
      if (!FLOAT_OPS.contains(node.getOpType()) || node.getOutputCount() != 1) {
        throw new IllegalArgumentException("no fp16 emulation for op " + node.getOpType());
      }
      NodeProto.Builder n = node.toBuilder();
      for (int i = 0; i < n.getInputCount(); i++) {
        if (n.getInput(i).equals(input)) {
          n.setInput(i, roundedInput);
        }
      }
      String result = node.getOutput(0);
      n.setOutput(0, result + "/fp32");
      out.addNode(n);
      addRounding(out, result + "/fp32", result);
    }
    return fp32.toBuilder().setGraph(out).build();
  }

  private static void addRounding(GraphProto.Builder graph, String from, String to) {
    graph.addNode(cast(from, to + "/half", FLOAT16));
    graph.addNode(cast(to + "/half", to, FLOAT));
  }

  private static NodeProto cast(String from, String to, int type) {
    return NodeProto.newBuilder().setOpType("Cast").setName("round " + to).addInput(from)
        .addOutput(to).addAttribute(AttributeProto.newBuilder().setName("to")
            .setType(AttributeProto.AttributeType.INT).setI(type)).build();
  }

  private static TensorProto roundedWeights(TensorProto t) {
    float[] values = Fp16Converter.floats(t);
    ByteBuffer raw = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
    for (float v : values) {
      raw.putFloat(Float16.toFloat(Float16.fromFloat(v)));
    }
    return t.toBuilder().clearFloatData().setRawData(ByteString.copyFrom(raw.array())).build();
  }
}
