package io.upscaler.core;

import io.upscaler.models.ModelCard;
import io.upscaler.models.ModelNotAvailableException;
import io.upscaler.models.ModelRegistry;
import io.upscaler.models.ModelValidationException;
import java.util.Optional;

/**
 * Where a model's ONNX bytes come from: the bundled registry, an import folder, or (in the job) any
 * Hadoop URI. Called only when a session is first built in a JVM.
 */
@FunctionalInterface
public interface ModelStore {
  byte[] bytes(ModelCard card) throws UpscaleException;

  /**
   * The fp16 twin of a model, whose bytes {@link #bytes} also serves; empty when it has none (the
   * default: a store that knows no twins runs every model as named).
   */
  default Optional<ModelCard> fp16Twin(ModelCard card) {
    return Optional.empty();
  }

  /** The models of a registry, with their fp16 twins; a bad model file is MODEL_ERROR. */
  static ModelStore of(ModelRegistry registry) {
    return new ModelStore() {
      @Override
      public byte[] bytes(ModelCard card) throws UpscaleException {
        try {
          return registry.modelBytes(card);
        } catch (ModelNotAvailableException | ModelValidationException e) {
          throw new UpscaleException(ErrorClass.MODEL_ERROR, e.getMessage(), e);
        }
      }

      @Override
      public Optional<ModelCard> fp16Twin(ModelCard card) {
        return registry.fp16Twin(card);
      }
    };
  }
}
