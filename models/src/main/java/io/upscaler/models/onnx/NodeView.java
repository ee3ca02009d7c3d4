package io.upscaler.models.onnx;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import java.util.List;
import java.util.Map;

/** A node as the analysis sees it: its attributes, initializers and the facts of its data inputs. */
final class NodeView {
  final NodeProto node;
  private final Map<String, TensorProto> initializers;
  private final Map<String, TensorFacts> facts;

  NodeView(NodeProto node, Map<String, TensorProto> initializers, Map<String, TensorFacts> facts) {
    this.node = node;
    this.initializers = initializers;
    this.facts = facts;
  }

  /** Whether input {@code i} is a data tensor (not absent, not an initializer). */
  boolean isData(int i) {
    return i < node.getInputCount() && !node.getInput(i).isEmpty()
        && !initializers.containsKey(node.getInput(i));
  }

  /** Facts of input {@code i}, which must be a data tensor. */
  TensorFacts in(int i) {
    TensorFacts f = facts.get(node.getInput(i));
    if (f == null) {
      throw fail("input '" + node.getInput(i) + "' is not produced before this node");
    }
    return f;
  }

  /** Initializer at input {@code i}, or null. */
  TensorProto initializer(int i) {
    return i < node.getInputCount() ? initializers.get(node.getInput(i)) : null;
  }

  /** Element count of the initializer at input {@code i} (0 if absent). */
  long initializerSize(int i) {
    TensorProto t = initializer(i);
    if (t == null) {
      return 0;
    }
    long n = 1;
    for (long d : t.getDimsList()) {
      n *= d;
    }
    return n;
  }

  long attrInt(String name, long fallback) {
    AttributeProto a = attr(name);
    return a == null ? fallback : a.getI();
  }

  String attrString(String name, String fallback) {
    AttributeProto a = attr(name);
    return a == null ? fallback : a.getS().toStringUtf8();
  }

  List<Long> attrInts(String name) {
    AttributeProto a = attr(name);
    return a == null ? List.of() : a.getIntsList();
  }

  private AttributeProto attr(String name) {
    return node.getAttributeList().stream().filter(a -> a.getName().equals(name)).findFirst()
        .orElse(null);
  }

  IllegalArgumentException fail(String why) {
    return new IllegalArgumentException(
        "cannot analyse node '" + node.getName() + "' (" + node.getOpType() + "): " + why);
  }
}
