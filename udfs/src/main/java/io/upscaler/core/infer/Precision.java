package io.upscaler.core.infer;

import io.upscaler.core.ErrorClass;
import io.upscaler.core.ModelStore;
import io.upscaler.core.UpscaleException;
import io.upscaler.models.ModelCard;
import java.util.Optional;

/** Which precision of a model a session runs: its fp32 graph or its fp16 twin. */
public enum Precision {
  /** The fp16 twin on a GPU (CUDA, TensorRT) when the model has one; fp32 on the CPU. */
  AUTO,
  /** The model as named, on every device. */
  FP32,
  /** The fp16 twin on every device (on the CPU only to compare: it computes in fp32 there). */
  FP16;

  /**
   * The card to run on a device: {@code card} itself, or its fp16 twin from {@code store}.
   *
   * @param gpu whether the session runs on a GPU provider
   * @throws UpscaleException MODEL_ERROR when fp16 is required and the model has no twin
   */
  public ModelCard choose(ModelCard card, ModelStore store, boolean gpu) throws UpscaleException {
    if (this == FP32 || (this == AUTO && !gpu)) {
      return card;
    }
    Optional<ModelCard> twin = store.fp16Twin(card);
    if (twin.isPresent()) {
      return twin.get();
    }
    if (this == FP16 && card.precision().equals(ModelCard.FP32)) {
      throw new UpscaleException(ErrorClass.MODEL_ERROR, "precision=fp16 but model " + card.id()
          + " has no fp16 twin: import it with models/import.sh --fp16, or use precision=auto");
    }
    return card;
  }
}
