package io.upscaler.core.infer;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.TensorInfo;
import io.upscaler.core.ErrorClass;
import io.upscaler.core.UpscaleException;
import io.upscaler.models.ModelCard;
import java.util.Map;

/** Refuses a session whose declared input and output don't match its card. */
final class SignatureCheck {
  private SignatureCheck() {}

  static void verify(ModelCard card, ModelSession session) throws UpscaleException {
    try {
      check(card, "input", card.inputName(), session.inputs());
      check(card, "output", card.outputName(), session.outputs());
    } catch (OrtException e) {
      throw new UpscaleException(
          ErrorClass.MODEL_ERROR, "model " + card.id() + ": cannot read its signature: " + e, e);
    }
  }

  private static void check(ModelCard card, String role, String name, Map<String, NodeInfo> nodes)
      throws UpscaleException {
    NodeInfo node = nodes.get(name);
    if (nodes.size() != 1 || node == null) {
      throw mismatch(card, role + " must be one tensor named '" + name + "', model has " + nodes.keySet());
    }
    if (!(node.getInfo() instanceof TensorInfo info)) {
      throw mismatch(card, role + " '" + name + "' is not a tensor");
    }
    OnnxJavaType expected =
        "fp16".equalsIgnoreCase(card.precision()) ? OnnxJavaType.FLOAT16 : OnnxJavaType.FLOAT;
    if (info.type != expected) {
      throw mismatch(card, role + " '" + name + "' is " + info.type + ", card says " + card.precision());
    }
    long[] shape = info.getShape();
    if (shape.length != 4 || (shape[1] != 3 && shape[1] != -1)) {
      throw mismatch(
          card,
          role + " '" + name + "' has shape " + ModelSession.describe(node)
              + ", card says NCHW with 3 channels");
    }
  }

  private static UpscaleException mismatch(ModelCard card, String what) {
    return new UpscaleException(
        ErrorClass.MODEL_ERROR, "model " + card.id() + " does not match its card: " + what);
  }
}
