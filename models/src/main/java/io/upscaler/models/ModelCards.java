package io.upscaler.models;

import ai.onnx.proto.OnnxMl.ModelProto;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.upscaler.models.onnx.GraphStats;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * Model cards as JSON, and binding a card to the ONNX bytes it describes. A card file holds the
 * fields of {@link ModelCard} by name; a user's card may leave out everything but {@code id},
 * {@code nativeScale}, {@code valueMin} and {@code valueMax} (see {@link #parse(byte[])}).
 */
public final class ModelCards {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final List<String> FIELDS = List.of("id", "family", "architecture",
      "nativeScale", "inputName", "outputName", "layout", "channelOrder", "valueMin", "valueMax",
      "precision", "parameters", "flopsPerInputPixel", "receptiveFieldRadius", "sha256", "file",
      "sourcePackage", "sourceVersion", "sourcePath", "license", "attribution", "aliases");
  private static final Set<String> REQUIRED = Set.of("id", "nativeScale", "valueMin", "valueMax");

  private ModelCards() {}

  /**
   * Parses a card. Absent optional fields default to: family = id, architecture "unknown",
   * inputName "input", outputName "output", layout "NCHW", channelOrder "RGB", precision "fp32",
   * parameters and flopsPerInputPixel 0 (unknown), receptiveFieldRadius -1 (unknown), sha256 null
   * (not checked), file = id + ".onnx", aliases none.
   *
   * @throws ModelValidationException naming the first bad, missing or unknown field
   */
  public static ModelCard parse(byte[] cardJson) {
    JsonNode root;
    try {
      root = JSON.readTree(cardJson);
    } catch (JsonProcessingException e) {
      throw new ModelValidationException("the model card is not valid JSON: "
          + e.getOriginalMessage(), e);
    } catch (IOException e) {
      throw new ModelValidationException("the model card cannot be read: " + e.getMessage(), e);
    }
    if (root == null || !root.isObject()) {
      throw new ModelValidationException("the model card must be a JSON object");
    }
    checkFields(root);
    CardFields f = new CardFields(root);
    String id = f.text("id", null);
    return new ModelCard(id, f.text("family", id), f.text("architecture", "unknown"),
        (int) f.integer("nativeScale", 0), f.text("inputName", "input"), f.text("outputName", "output"),
        f.text("layout", ModelCard.NCHW), f.text("channelOrder", "RGB"), f.number("valueMin", 0),
        f.number("valueMax", 0), f.text("precision", ModelCard.FP32), f.integer("parameters", 0),
        f.number("flopsPerInputPixel", 0), (int) f.integer("receptiveFieldRadius", -1),
        f.text("sha256", null), f.text("file", id + ".onnx"), f.text("sourcePackage", null),
        f.text("sourceVersion", null), f.text("sourcePath", null), f.text("license", null),
        f.text("attribution", null), f.strings("aliases"));
  }

  /** The card as pretty-printed UTF-8 JSON with "\n" line ends; the same card gives the same bytes. */
  public static byte[] toJson(ModelCard card) {
    ObjectNode node = JSON.valueToTree(card);
    ObjectNode ordered = JSON.createObjectNode();
    FIELDS.forEach(name -> ordered.set(name, node.get(name)));
    DefaultPrettyPrinter printer = new DefaultPrettyPrinter()
        .withObjectIndenter(new DefaultIndenter("  ", "\n"));
    try {
      return (JSON.writer(printer).writeValueAsString(ordered) + "\n")
          .getBytes(StandardCharsets.UTF_8);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a card always serializes", e);
    }
  }

  /**
   * Binds a card to the ONNX bytes it describes: the checksum matches (when the card states
   * one), the declared inputs and outputs match the card, and the graph's scale matches
   * {@code nativeScale} where the graph can be analysed. Counts the card leaves unknown are
   * filled in from the graph when it can be analysed.
   *
   * @return the card with its sha256 (and any measured counts) filled in
   * @throws ModelValidationException saying what differs
   */
  public static ModelCard verify(ModelCard card, byte[] onnxBytes) {
    String actual = Hashes.sha256(onnxBytes);
    if (card.sha256() != null && !card.sha256().equals(actual)) {
      throw new ModelValidationException("model '" + card.id() + "': the ONNX bytes ("
          + onnxBytes.length + " bytes) have sha256 " + actual + " but the card says "
          + card.sha256() + " (the file changed or belongs to another card)");
    }
    ModelProto model = OnnxSignatures.parse(onnxBytes);
    card.checkSignature(OnnxSignatures.of(model));
    ModelCard bound = card.withSha256(actual);
    boolean complete = card.parameters() > 0 && card.flopsPerInputPixel() > 0
        && card.receptiveFieldRadius() >= 0;
    return complete ? bound : withMeasuredCounts(bound, model);
  }

  private static ModelCard withMeasuredCounts(ModelCard card, ModelProto model) {
    GraphStats stats;
    try {
      stats = GraphStats.of(model);
    } catch (IllegalArgumentException notAnalysable) {
      return card; // counts stay unknown; the caller sees 0 / -1
    }
    if (stats.scale() != card.nativeScale()) {
      throw new ModelValidationException("model '" + card.id() + "': the card says nativeScale "
          + card.nativeScale() + " but the graph upscales by " + stats.scale());
    }
    return card.withGraphCounts(
        card.parameters() > 0 ? card.parameters() : stats.parameters(),
        card.flopsPerInputPixel() > 0 ? card.flopsPerInputPixel() : stats.flopsPerInputPixel(),
        card.receptiveFieldRadius() >= 0 ? card.receptiveFieldRadius()
            : stats.receptiveFieldRadius());
  }

  private static void checkFields(JsonNode root) {
    for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
      String name = it.next();
      if (!FIELDS.contains(name)) {
        throw new ModelValidationException("unknown card field '" + name + "'; known fields: "
            + FIELDS);
      }
    }
    for (String name : REQUIRED) {
      if (!root.hasNonNull(name)) {
        throw new ModelValidationException("card field '" + name + "' is missing");
      }
    }
  }

  /** Typed access to a card's fields with messages that name the field. */
  private record CardFields(JsonNode root) {
    String text(String name, String fallback) {
      JsonNode v = root.get(name);
      if (v == null || v.isNull()) {
        return fallback;
      }
      if (!v.isTextual()) {
        throw wrongType(name, "a string", v);
      }
      return v.asText();
    }

    long integer(String name, long fallback) {
      JsonNode v = root.get(name);
      if (v == null || v.isNull()) {
        return fallback;
      }
      if (!v.isIntegralNumber() || !v.canConvertToLong()) {
        throw wrongType(name, "an integer", v);
      }
      long value = v.asLong();
      if (value > Integer.MAX_VALUE && !name.equals("parameters")) {
        throw wrongType(name, "an integer below 2^31", v);
      }
      return value;
    }

    double number(String name, double fallback) {
      JsonNode v = root.get(name);
      if (v == null || v.isNull()) {
        return fallback;
      }
      if (!v.isNumber()) {
        throw wrongType(name, "a number", v);
      }
      return v.asDouble();
    }

    List<String> strings(String name) {
      JsonNode v = root.get(name);
      List<String> values = new ArrayList<>();
      if (v == null || v.isNull()) {
        return values;
      }
      if (!v.isArray()) {
        throw wrongType(name, "an array of strings", v);
      }
      for (JsonNode item : v) {
        if (!item.isTextual()) {
          throw wrongType(name, "an array of strings", v);
        }
        values.add(item.asText());
      }
      return values;
    }

    private static ModelValidationException wrongType(String name, String expected, JsonNode v) {
      return new ModelValidationException("card field '" + name + "' must be " + expected
          + ", it is " + v);
    }
  }
}
