package io.upscaler.core;

import io.upscaler.models.ModelCard;

/**
 * Where a model's ONNX bytes come from: the bundled registry, an import folder, or (in the job) any
 * Hadoop URI. Called only when a session is first built in a JVM.
 */
@FunctionalInterface
public interface ModelStore {
  byte[] bytes(ModelCard card) throws UpscaleException;
}
