package io.upscaler.core.infer;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.TensorInfo;
import io.upscaler.core.ErrorClass;
import io.upscaler.core.UpscaleException;
import io.upscaler.models.ModelCard;
import io.upscaler.models.ModelSignature;
import io.upscaler.models.ModelValidationException;
import io.upscaler.models.TensorSignature;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Refuses a session whose declared inputs and outputs, as ONNX Runtime reads them, don't match
 * its card ({@link ModelCard#checkSignature}).
 */
final class SignatureCheck {
  private SignatureCheck() {}

  static void verify(ModelCard card, ModelSession session) throws UpscaleException {
    try {
      card.checkSignature(
          new ModelSignature(signatures(session.inputs()), signatures(session.outputs())));
    } catch (ModelValidationException e) {
      throw new UpscaleException(
          ErrorClass.MODEL_ERROR, "model " + card.id() + " does not match its card: " + e.getMessage(), e);
    } catch (OrtException e) {
      throw new UpscaleException(
          ErrorClass.MODEL_ERROR, "model " + card.id() + ": cannot read its signature: " + e, e);
    }
  }

  private static List<TensorSignature> signatures(Map<String, NodeInfo> nodes) {
    List<TensorSignature> out = new ArrayList<>();
    for (NodeInfo node : nodes.values()) {
      if (node.getInfo() instanceof TensorInfo t) {
        out.add(new TensorSignature(node.getName(), elementType(t.type), t.getShape()));
      } else {
        out.add(new TensorSignature(node.getName(), "not-a-tensor", new long[0]));
      }
    }
    return out;
  }

  private static String elementType(OnnxJavaType type) {
    if (type == OnnxJavaType.FLOAT) {
      return "float32";
    }
    if (type == OnnxJavaType.FLOAT16) {
      return "float16";
    }
    return type.name().toLowerCase(Locale.ROOT);
  }
}
