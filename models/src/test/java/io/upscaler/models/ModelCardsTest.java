package io.upscaler.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Cards read and write as JSON, refuse bad fields by name, and travel through Java serialization. */
class ModelCardsTest {
  private static final ModelCard SLIM = ModelRegistry.bundled().resolve("esrgan-slim-x4");

  @Test
  void cardJsonRoundTripsByteForByte() {
    byte[] json = ModelCards.toJson(SLIM);

    assertEquals(SLIM, ModelCards.parse(json));
    assertArrayEquals(json, ModelCards.toJson(ModelCards.parse(json)));
  }

  @Test
  void plainJacksonReadsAndWritesTheRecord() throws Exception {
    ObjectMapper mapper = new ObjectMapper();

    String json = mapper.writeValueAsString(SLIM);

    assertEquals(SLIM, mapper.readValue(json, ModelCard.class));
    assertTrue(!json.contains("flopsPerOutputPixel") && !json.contains("elementType"), json);
  }

  @Test
  void cardSurvivesJavaSerialization() throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(SLIM);
    }
    try (ObjectInputStream in = new ObjectInputStream(
        new ByteArrayInputStream(bytes.toByteArray()))) {
      assertEquals(SLIM, in.readObject());
    }
  }

  @Test
  void aMinimalUserCardGetsDocumentedDefaults() {
    ModelCard card = parse("{\"id\":\"my-realesrgan\",\"nativeScale\":4,\"valueMin\":0,"
        + "\"valueMax\":1}");

    assertEquals("my-realesrgan", card.family());
    assertEquals("input", card.inputName());
    assertEquals("output", card.outputName());
    assertEquals("NCHW", card.layout());
    assertEquals("RGB", card.channelOrder());
    assertEquals("fp32", card.precision());
    assertEquals("my-realesrgan.onnx", card.file());
    assertEquals(-1, card.receptiveFieldRadius());
    assertEquals(0, card.parameters());
    assertNull(card.sha256());
    assertEquals(List.of(), card.aliases());
  }

  @Test
  void badCardsAreRefusedNamingTheField() {
    assertRefused("{\"id\":\"m\",\"nativeScale\":4,\"valueMin\":0,\"valueMax\":1,\"scale\":4}",
        "unknown card field 'scale'");
    assertRefused("{\"id\":\"m\",\"valueMin\":0,\"valueMax\":1}",
        "card field 'nativeScale' is missing");
    assertRefused("{\"id\":\"m\",\"nativeScale\":\"4\",\"valueMin\":0,\"valueMax\":1}",
        "card field 'nativeScale' must be an integer, it is \"4\"");
    assertRefused("{\"id\":\"m\",\"nativeScale\":0,\"valueMin\":0,\"valueMax\":1}",
        "card field 'nativeScale' must be at least 1");
    assertRefused("{\"id\":\"m\",\"nativeScale\":4,\"valueMin\":1,\"valueMax\":1}",
        "valueMin must be below valueMax");
    assertRefused("{\"id\":\"m\",\"nativeScale\":4,\"valueMin\":0,\"valueMax\":1,"
        + "\"layout\":\"CHWN\"}", "card field 'layout' must be one of [NCHW, NHWC], it is 'CHWN'");
    assertRefused("{\"id\":\"m\",\"nativeScale\":4,\"valueMin\":0,\"valueMax\":1,"
        + "\"precision\":\"int8\"}", "card field 'precision' must be one of [fp16, fp32]");
    assertRefused("{\"id\":\"m\",\"nativeScale\":4,\"valueMin\":0,\"valueMax\":1,"
        + "\"file\":\"../../etc/passwd\"}", "card field 'file' must be a plain file name");
    assertRefused("{\"id\":\"m\",\"nativeScale\":4,\"valueMin\":0,\"valueMax\":1,"
        + "\"sha256\":\"abc\"}", "card field 'sha256' must be 64 lower-case hex digits");
    assertRefused("{\"id\":\"m\",", "the model card is not valid JSON");
    assertRefused("[1,2]", "the model card must be a JSON object");
  }

  private static ModelCard parse(String json) {
    return ModelCards.parse(json.getBytes(StandardCharsets.UTF_8));
  }

  private static void assertRefused(String json, String message) {
    ModelValidationException e = assertThrows(ModelValidationException.class, () -> parse(json));
    assertTrue(e.getMessage().contains(message), e.getMessage());
  }
}
