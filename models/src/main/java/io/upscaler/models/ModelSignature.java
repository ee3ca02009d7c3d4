package io.upscaler.models;

import java.io.Serializable;
import java.util.List;

/**
 * The declared inputs (initializers excluded) and outputs of a model file.
 *
 * @param inputs graph inputs that the caller must feed
 * @param outputs graph outputs
 */
public record ModelSignature(List<TensorSignature> inputs, List<TensorSignature> outputs)
    implements Serializable {
  public ModelSignature {
    inputs = List.copyOf(inputs);
    outputs = List.copyOf(outputs);
  }
}
