package io.upscaler.models.onnx;

import ai.onnx.proto.OnnxMl.AttributeProto;
import com.google.protobuf.ByteString;

/** Node attributes for {@link GraphBuilder#unary} and friends. */
public final class OnnxAttributes {
  private OnnxAttributes() {}

  /** An INTS attribute. */
  public static AttributeProto ints(String name, int... values) {
    AttributeProto.Builder a = AttributeProto.newBuilder().setName(name)
        .setType(AttributeProto.AttributeType.INTS);
    for (int v : values) {
      a.addInts(v);
    }
    return a.build();
  }

  /** An INT attribute. */
  public static AttributeProto integer(String name, long value) {
    return AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.INT)
        .setI(value).build();
  }

  /** A FLOAT attribute. */
  public static AttributeProto real(String name, float value) {
    return AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.FLOAT)
        .setF(value).build();
  }

  /** A STRING attribute. */
  public static AttributeProto string(String name, String value) {
    return AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.STRING)
        .setS(ByteString.copyFromUtf8(value)).build();
  }
}
