package io.upscaler.core;

import ai.onnx.proto.OnnxMl;
import com.google.protobuf.ByteString;
import io.upscaler.models.ModelCard;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;

/**
 * Small real ONNX super-resolution networks built in code for Spark-free tests: two 3x3
 * convolutions with a ReLU, then DepthToSpace. Receptive-field radius 2, random fixed weights.
 */
public final class TinyModels {
  private TinyModels() {}

  /** A model with the given native scale whose input and output are in [valueMin, valueMax]. */
  public static Model srNet(int scale, long seed, double valueMax) {
    Random random = new Random(seed);
    int hidden = 8;
    int out = 3 * scale * scale;
    OnnxMl.GraphProto.Builder g = OnnxMl.GraphProto.newBuilder().setName("tiny-sr-x" + scale);
    g.addInput(valueInfo("input", "N", "H", "W"));
    g.addOutput(valueInfo("output", "N", "H" + scale, "W" + scale));
    g.addInitializer(tensor("w1", new long[] {hidden, 3, 3, 3}, random, 0.3f));
    g.addInitializer(tensor("b1", new long[] {hidden}, random, 0.1f));
    g.addInitializer(tensor("w2", new long[] {out, hidden, 3, 3}, random, 0.3f));
    g.addInitializer(tensor("b2", new long[] {out}, random, 0.1f));
    g.addInitializer(scalar("inv", (float) (1.0 / valueMax)));
    g.addInitializer(scalar("max", (float) valueMax));
    g.addNode(node("Mul", List.of("input", "inv"), "x0"));
    g.addNode(conv("x0", "w1", "b1", "c1"));
    g.addNode(node("Relu", List.of("c1"), "r1"));
    g.addNode(conv("r1", "w2", "b2", "c2"));
    g.addNode(
        node("DepthToSpace", List.of("c2"), "d")
            .toBuilder()
            .addAttribute(intAttr("blocksize", scale))
            .setName("d2s")
            .build());
    g.addNode(node("Mul", List.of("d", "max"), "output"));
    OnnxMl.ModelProto model =
        OnnxMl.ModelProto.newBuilder()
            .setIrVersion(8)
            .setProducerName("upscaler-tests")
            .addOpsetImport(OnnxMl.OperatorSetIdProto.newBuilder().setDomain("").setVersion(17))
            .setGraph(g)
            .build();
    byte[] bytes = model.toByteArray();
    return new Model(bytes, card("tiny-x" + scale + "-" + seed, "tiny", scale, valueMax, bytes));
  }

  /** Bytes and card of a generated model. */
  public record Model(byte[] bytes, ModelCard card) {}

  static ModelCard card(String id, String family, int scale, double valueMax, byte[] bytes) {
    double flops = 2.0 * (8 * 3 * 9 + 3 * scale * scale * 8 * 9);
    return new ModelCard(
        id, family, "tiny", scale, "input", "output", "NCHW", "RGB", 0, valueMax, "fp32", 0,
        flops, 2, sha256(bytes), id + ".onnx", "tests", "0", "", "MIT", "tests", List.of());
  }

  static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static OnnxMl.ValueInfoProto valueInfo(String name, String n, String h, String w) {
    OnnxMl.TensorShapeProto.Builder shape = OnnxMl.TensorShapeProto.newBuilder();
    shape.addDim(OnnxMl.TensorShapeProto.Dimension.newBuilder().setDimParam(n));
    shape.addDim(OnnxMl.TensorShapeProto.Dimension.newBuilder().setDimValue(3));
    shape.addDim(OnnxMl.TensorShapeProto.Dimension.newBuilder().setDimParam(h));
    shape.addDim(OnnxMl.TensorShapeProto.Dimension.newBuilder().setDimParam(w));
    return OnnxMl.ValueInfoProto.newBuilder()
        .setName(name)
        .setType(
            OnnxMl.TypeProto.newBuilder()
                .setTensorType(
                    OnnxMl.TypeProto.Tensor.newBuilder()
                        .setElemType(OnnxMl.TensorProto.DataType.FLOAT.getNumber())
                        .setShape(shape)))
        .build();
  }

  private static OnnxMl.TensorProto tensor(String name, long[] dims, Random random, float scale) {
    int n = 1;
    for (long d : dims) {
      n *= (int) d;
    }
    ByteBuffer buf = ByteBuffer.allocate(n * 4).order(ByteOrder.LITTLE_ENDIAN);
    for (int i = 0; i < n; i++) {
      buf.putFloat((float) (random.nextGaussian() * scale));
    }
    OnnxMl.TensorProto.Builder t =
        OnnxMl.TensorProto.newBuilder()
            .setName(name)
            .setDataType(OnnxMl.TensorProto.DataType.FLOAT.getNumber())
            .setRawData(ByteString.copyFrom(buf.array()));
    for (long d : dims) {
      t.addDims(d);
    }
    return t.build();
  }

  private static OnnxMl.TensorProto scalar(String name, float value) {
    return OnnxMl.TensorProto.newBuilder()
        .setName(name)
        .setDataType(OnnxMl.TensorProto.DataType.FLOAT.getNumber())
        .addFloatData(value)
        .build();
  }

  private static OnnxMl.NodeProto node(String op, List<String> inputs, String output) {
    return OnnxMl.NodeProto.newBuilder()
        .setOpType(op)
        .setName(op + "_" + output)
        .addAllInput(inputs)
        .addOutput(output)
        .build();
  }

  private static OnnxMl.NodeProto conv(String x, String w, String b, String out) {
    return node("Conv", List.of(x, w, b), out).toBuilder()
        .addAttribute(intsAttr("pads", 1, 1, 1, 1))
        .addAttribute(intsAttr("kernel_shape", 3, 3))
        .build();
  }

  private static OnnxMl.AttributeProto intAttr(String name, long v) {
    return OnnxMl.AttributeProto.newBuilder()
        .setName(name)
        .setType(OnnxMl.AttributeProto.AttributeType.INT)
        .setI(v)
        .build();
  }

  private static OnnxMl.AttributeProto intsAttr(String name, long... v) {
    OnnxMl.AttributeProto.Builder a =
        OnnxMl.AttributeProto.newBuilder()
            .setName(name)
            .setType(OnnxMl.AttributeProto.AttributeType.INTS);
    for (long x : v) {
      a.addInts(x);
    }
    return a.build();
  }
}
