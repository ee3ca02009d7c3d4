package io.upscaler.models.ncnn;

import io.upscaler.models.UnsupportedLayerException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * One layer line of an ncnn {@code .param} file, with typed access to its parameters. Every
 * refusal is an {@link UnsupportedLayerException} naming the layer, its type and the parameter.
 *
 * @param type layer type, e.g. "Convolution"
 * @param name layer name
 * @param bottoms input blob names
 * @param tops output blob names
 * @param params parameters by id (array parameters under their id, not the -233xx key)
 */
record NcnnLayer(String type, String name, List<String> bottoms, List<String> tops,
    Map<Integer, NcnnValue> params) {
  /** Array parameter {@code id} is written under key {@code ARRAY_KEY_BASE - id}, e.g. -23310 for 10. */
  static final int ARRAY_KEY_BASE = -23300;

  NcnnLayer {
    bottoms = List.copyOf(bottoms);
    tops = List.copyOf(tops);
    params = Map.copyOf(params);
  }

  UnsupportedLayerException unsupported(String detail) {
    return new UnsupportedLayerException(name, type, detail);
  }

  /** Refuses parameters other than {@code known}, naming them. */
  void allowOnly(Integer... known) {
    Set<Integer> unknown = new TreeSet<>(params.keySet());
    unknown.removeAll(Set.of(known));
    if (!unknown.isEmpty()) {
      throw unsupported("has parameter(s) " + describe(unknown) + ", which the ncnn importer does"
          + " not know for this layer type (known: " + new TreeSet<>(Set.of(known)) + ")");
    }
  }

  /** Integer scalar parameter {@code id}, or {@code fallback} when absent. */
  int integer(int id, int fallback) {
    NcnnValue v = params.get(id);
    if (v == null) {
      return fallback;
    }
    if (v.array() || v.floating()[0]) {
      throw unsupported("has " + id + "=" + v.text() + "; expected an integer");
    }
    return (int) v.values()[0];
  }

  /**
   * Float scalar parameter {@code id}, or {@code fallback} when absent. ncnn keeps the type a value
   * was written in and would read an integer's bits as a float here, so integers are refused.
   */
  float real(int id, float fallback) {
    NcnnValue v = params.get(id);
    if (v == null) {
      return fallback;
    }
    if (v.array() || !v.floating()[0]) {
      throw unsupported("has " + id + "=" + v.text() + "; expected one number written as a float");
    }
    return (float) v.values()[0];
  }

  /** Float array parameter {@code id}; empty when absent. Integers are refused as in {@link #real}. */
  float[] reals(int id) {
    NcnnValue v = params.get(id);
    if (v == null) {
      return new float[0];
    }
    float[] values = new float[v.values().length];
    for (int i = 0; i < values.length; i++) {
      if (!v.array() || !v.floating()[i]) {
        throw unsupported("has " + id + "=" + v.text() + "; expected an array of floats");
      }
      values[i] = (float) v.values()[i];
    }
    return values;
  }

  /** Integer parameter {@code id} that must be one of {@code allowed} (its default included). */
  int oneOf(int id, int fallback, String meaning, Set<Integer> allowed) {
    int v = integer(id, fallback);
    if (!allowed.contains(v)) {
      throw unsupported("has " + id + "=" + v + " (" + meaning + "); supported: "
          + new TreeSet<>(allowed));
    }
    return v;
  }

  /** The only one of {@code inputs} (the layer's input tensors); refuses other counts. */
  String single(List<String> inputs) {
    if (inputs.size() != 1) {
      throw unsupported("has " + inputs.size() + " inputs; it takes one");
    }
    return inputs.get(0);
  }

  private String describe(Set<Integer> ids) {
    StringBuilder b = new StringBuilder();
    for (int id : ids) {
      b.append(b.length() == 0 ? "" : ", ").append(id).append('=').append(params.get(id).text());
    }
    return b.toString();
  }
}
