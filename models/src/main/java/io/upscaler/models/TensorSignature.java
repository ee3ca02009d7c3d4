package io.upscaler.models;

import java.io.Serializable;
import java.util.Arrays;
import java.util.Objects;

/**
 * A declared graph input or output.
 *
 * @param name tensor name
 * @param elementType "float32", "float16", or the ONNX type name in lower case for anything else
 * @param shape dimensions, -1 for a dynamic (symbolic or unknown) one
 */
public record TensorSignature(String name, String elementType, long[] shape)
    implements Serializable {

  public TensorSignature {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(elementType, "elementType");
    shape = shape.clone();
  }

  @Override
  public long[] shape() {
    return shape.clone();
  }

  public int rank() {
    return shape.length;
  }

  /** Dimension {@code i}, -1 when dynamic. */
  public long dim(int i) {
    return shape[i];
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof TensorSignature t && name.equals(t.name)
        && elementType.equals(t.elementType) && Arrays.equals(shape, t.shape);
  }

  @Override
  public int hashCode() {
    return Objects.hash(name, elementType, Arrays.hashCode(shape));
  }

  /** For messages, e.g. {@code input float32 [-1, 3, -1, -1]}. */
  @Override
  public String toString() {
    return name + " " + elementType + " " + Arrays.toString(shape);
  }
}
