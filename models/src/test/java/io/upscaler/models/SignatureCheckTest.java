package io.upscaler.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.OperatorSetIdProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.TensorShapeProto;
import ai.onnx.proto.OnnxMl.TypeProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A model whose declared inputs or outputs differ from its card is refused, saying what differs. */
class SignatureCheckTest {
  private static final ModelRegistry REGISTRY = ModelRegistry.bundled();
  private static final ModelCard X2 = REGISTRY.resolve("esrgan-slim-x2");
  private static final byte[] X2_BYTES = REGISTRY.modelBytes(X2);

  @Test
  void importedGraphsDeclareWhatTheirCardsSay() {
    ModelSignature s = OnnxSignatures.read(X2_BYTES);

    assertEquals(List.of(new TensorSignature("input", "float32", new long[] {-1, 3, -1, -1})),
        s.inputs());
    assertEquals(List.of(new TensorSignature("output", "float32", new long[] {-1, 3, -1, -1})),
        s.outputs());
    X2.checkSignature(s);
  }

  @Test
  void wrongPrecisionIsRefused() {
    ModelCard fp16 = userCard("{\"id\":\"u\",\"nativeScale\":2,\"valueMin\":0,\"valueMax\":255,"
        + "\"precision\":\"fp16\"}");

    assertRefused(fp16, X2_BYTES, "model 'u' does not match its card: input 'input' is float32 "
        + "but the card's precision fp16 means float16; output 'output' is float32");
  }

  @Test
  void wrongTensorNamesAreRefused() {
    ModelCard card = userCard("{\"id\":\"u\",\"nativeScale\":2,\"valueMin\":0,\"valueMax\":255,"
        + "\"inputName\":\"image\"}");

    assertRefused(card, X2_BYTES, "the card names input 'image' but the model's inputs are "
        + "[input float32 [-1, 3, -1, -1]]");
  }

  @Test
  void nhwcModelIsRefusedByAnNchwCard() {
    byte[] nhwc = identityModel(List.of(tensor("input", -1, -1, -1, 3)), tensor("output", -1, -1,
        -1, 3));
    ModelCard card = userCard("{\"id\":\"u\",\"nativeScale\":1,\"valueMin\":0,\"valueMax\":1}");

    assertRefused(card, nhwc, "input 'input' input float32 [-1, -1, -1, 3] has a dynamic size at "
        + "axis 1 but the card's layout NCHW needs 3 channels there (it looks like NHWC)");
  }

  @Test
  void wrongRankAndExtraInputsAreRefused() {
    byte[] model = identityModel(List.of(tensor("input", 3, -1, -1), tensor("strength", 1)),
        tensor("output", 3, -1, -1));
    ModelCard card = userCard("{\"id\":\"u\",\"nativeScale\":1,\"valueMin\":0,\"valueMax\":1}");

    ModelValidationException e = assertThrows(ModelValidationException.class,
        () -> ModelCards.verify(card, model));

    assertTrue(e.getMessage().contains("input 'input' has rank 3"), e.getMessage());
    assertTrue(e.getMessage().contains("another input strength float32 [1]"), e.getMessage());
  }

  @Test
  void checksumMismatchIsRefused() {
    ModelCard card = X2.withSha256("0".repeat(64));

    assertRefused(card, X2_BYTES, "have sha256 " + X2.sha256() + " but the card says "
        + "0".repeat(64));
  }

  @Test
  void bytesThatAreNotOnnxAreRefused() {
    byte[] jpeg = {(byte) 0xff, (byte) 0xd8, (byte) 0xff, (byte) 0xe0, 0, 16, 'J', 'F', 'I', 'F'};

    assertRefused(X2.withSha256(null), jpeg, "not an ONNX model (10 bytes)");
  }

  @Test
  void aUserModelIsBoundToItsCardWithCountsMeasuredFromTheGraph() {
    ModelCard card = userCard("{\"id\":\"mine\",\"nativeScale\":2,\"valueMin\":0,"
        + "\"valueMax\":255}");

    ModelCard bound = ModelCards.verify(card, X2_BYTES);

    assertEquals(X2.sha256(), bound.sha256());
    assertEquals(X2.parameters(), bound.parameters());
    assertEquals(X2.flopsPerInputPixel(), bound.flopsPerInputPixel());
    assertEquals(X2.receptiveFieldRadius(), bound.receptiveFieldRadius());
  }

  @Test
  void aUserCardWithTheWrongScaleIsRefused() {
    ModelCard card = userCard("{\"id\":\"mine\",\"nativeScale\":4,\"valueMin\":0,"
        + "\"valueMax\":255}");

    assertRefused(card, X2_BYTES, "model 'mine': the card says nativeScale 4 but the graph "
        + "upscales by 2");
  }

  private static void assertRefused(ModelCard card, byte[] onnx, String message) {
    ModelValidationException e = assertThrows(ModelValidationException.class,
        () -> ModelCards.verify(card, onnx));
    assertTrue(e.getMessage().contains(message), e.getMessage());
  }

  private static ModelCard userCard(String json) {
    return ModelCards.parse(json.getBytes(StandardCharsets.UTF_8));
  }

  private static ValueInfoProto tensor(String name, long... dims) {
    TensorShapeProto.Builder shape = TensorShapeProto.newBuilder();
    for (long d : dims) {
      shape.addDim(d < 0 ? TensorShapeProto.Dimension.newBuilder().setDimParam("d")
          : TensorShapeProto.Dimension.newBuilder().setDimValue(d));
    }
    return ValueInfoProto.newBuilder().setName(name).setType(TypeProto.newBuilder()
        .setTensorType(TypeProto.Tensor.newBuilder().setElemType(TensorProto.DataType.FLOAT_VALUE)
            .setShape(shape))).build();
  }

  /** A graph copying its first input to its output. */
  private static byte[] identityModel(List<ValueInfoProto> inputs, ValueInfoProto output) {
    GraphProto graph = GraphProto.newBuilder().setName("g").addAllInput(inputs).addOutput(output)
        .addNode(NodeProto.newBuilder().setOpType("Identity").setName("id")
            .addInput(inputs.get(0).getName()).addOutput(output.getName()))
        .build();
    return ModelProto.newBuilder().setIrVersion(8)
        .addOpsetImport(OperatorSetIdProto.newBuilder().setVersion(17)).setGraph(graph).build()
        .toByteArray();
  }

  @Test
  void signaturesCompareByValue() {
    assertArrayEquals(new long[] {1, 2}, new TensorSignature("a", "float32", new long[] {1, 2})
        .shape());
    assertEquals(new TensorSignature("a", "float32", new long[] {1, 2}),
        new TensorSignature("a", "float32", new long[] {1, 2}));
  }
}
