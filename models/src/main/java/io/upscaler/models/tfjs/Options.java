package io.upscaler.models.tfjs;

import com.fasterxml.jackson.databind.JsonNode;
import io.upscaler.models.UnsupportedLayerException;
import io.upscaler.models.onnx.ConvSpec;
import io.upscaler.models.tfjs.LayersModel.Layer;
import java.util.List;

/** Reads a Keras layer's config; every refusal names the layer, its class and the option. */
final class Options {
  final Layer layer;
  final JsonNode config;

  Options(Layer layer) {
    this.layer = layer;
    this.config = layer.config();
  }

  UnsupportedLayerException unsupported(String detail) {
    return new UnsupportedLayerException(layer.name(), layer.className(), detail);
  }

  void requireChannelsLast() {
    String format = config.path("data_format").asText("channels_last");
    if (!format.equals("channels_last")) {
      throw unsupported("uses data_format '" + format + "'; only 'channels_last' is supported");
    }
  }

  /** A two-element int option (an int means both); {@code fallback} null = required. */
  int[] pair(String name, Integer fallback) {
    JsonNode v = config.path(name);
    if (v.isMissingNode() || v.isNull()) {
      if (fallback == null) {
        throw unsupported("has no '" + name + "'");
      }
      return new int[] {fallback, fallback};
    }
    int[] pair = v.isInt() ? new int[] {v.asInt(), v.asInt()}
        : v.size() == 2 ? new int[] {v.get(0).asInt(), v.get(1).asInt()} : null;
    if (pair == null || pair[0] < 1 || pair[1] < 1) {
      throw unsupported("has " + name + " " + v + "; expected two positive integers");
    }
    return pair;
  }

  int positive(String name) {
    int v = config.path(name).asInt(0);
    if (v < 1) {
      throw unsupported("has " + name + " " + config.path(name) + "; expected a positive integer");
    }
    return v;
  }

  ConvSpec.Padding padding() {
    String padding = config.path("padding").asText("valid");
    switch (padding) {
      case "same":
        return ConvSpec.Padding.SAME_UPPER;
      case "valid":
        return ConvSpec.Padding.VALID;
      default:
        throw unsupported("uses padding '" + padding + "'; only 'same' and 'valid' are supported");
    }
  }

  String single(List<String> inputs) {
    if (inputs.size() != 1) {
      throw unsupported("has " + inputs.size() + " inputs; it takes one");
    }
    return inputs.get(0);
  }

  void atLeastTwo(List<String> inputs) {
    if (inputs.size() < 2) {
      throw unsupported("has " + inputs.size() + " inputs; it takes two or more");
    }
  }
}
