package io.upscaler.models.onnx;

/**
 * How the graph analysis treats one ONNX op type: what it produces, what it costs and which input
 * positions each output position reads. Rules live in {@link OpRules}; importers of new formats add
 * the rules for the ops they emit.
 */
interface OpRule {
  /** Facts of output 0 given the node's data inputs. */
  TensorFacts forward(NodeView node);

  /** FLOPs per output element (2 per multiply-accumulate, 1 per other arithmetic op). */
  double flopsPerOutputElement(NodeView node);

  /** Learned parameters the node holds in its initializers. */
  default long parameters(NodeView node) {
    return 0;
  }

  /**
   * The closed interval of positions along {@code axis} (0 = height, 1 = width) of data input
   * {@code input} that output positions {@code [lo, hi]} read, as {@code {lo, hi}}.
   */
  long[] back(NodeView node, int input, int axis, long lo, long hi);
}
