package io.upscaler.core.infer;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.platform.Fp16Conversions;
import io.upscaler.core.ErrorClass;
import io.upscaler.core.UpscaleException;
import io.upscaler.models.ModelCard;
import java.nio.FloatBuffer;
import java.util.Map;
import java.util.concurrent.Semaphore;

/**
 * One ONNX Runtime session for one model on one device, shared by every task thread of the JVM.
 *
 * <p>Lifecycle: built and closed only by {@link SessionCache}; callers hold a {@link
 * SessionCache.Lease} while they use it, so it is never closed under a running call. {@link #run}
 * is thread-safe (ORT sessions allow concurrent runs); an optional permit count bounds how many
 * runs are in flight at once.
 */
public final class ModelSession implements AutoCloseable {
  private final ModelCard card;
  private final OrtSession session;
  private final OrtSession.SessionOptions options;
  private final Device device;
  private final String fallbackReason;
  private final Semaphore permits;
  private final boolean fp16;
  private final java.util.concurrent.atomic.AtomicLong calls = new java.util.concurrent.atomic.AtomicLong();

  ModelSession(
      ModelCard card,
      OrtSession session,
      OrtSession.SessionOptions options,
      Device device,
      String fallbackReason,
      int maxConcurrentRuns) {
    this.card = card;
    this.session = session;
    this.options = options;
    this.device = device;
    this.fallbackReason = fallbackReason;
    this.permits = maxConcurrentRuns > 0 ? new Semaphore(maxConcurrentRuns, true) : null;
    this.fp16 = "fp16".equalsIgnoreCase(card.precision());
  }

  public ModelCard card() {
    return card;
  }

  /** The device this session really runs on (CPU after an AUTO fallback). */
  public Device device() {
    return device;
  }

  /** Why an AUTO request ended on the CPU although a GPU was assigned; null otherwise. */
  public String fallbackReason() {
    return fallbackReason;
  }

  /**
   * Runs the model on an NCHW batch.
   *
   * @param input NCHW values in the card's value range; a direct buffer avoids one copy
   * @param shape {n, 3, h, w}
   * @return the NCHW output, {n, 3, h * scale, w * scale}, in the card's value range
   */
  public float[] run(FloatBuffer input, long[] shape) throws UpscaleException {
    boolean acquired = false;
    try {
      if (permits != null) {
        permits.acquire();
        acquired = true;
      }
      return runUnguarded(input, shape);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new UpscaleException(ErrorClass.INFERENCE_FAILED, "interrupted waiting for the model");
    } finally {
      if (acquired) {
        permits.release();
      }
    }
  }

  /** Model calls made on this session so far (each {@link #run}, whatever its batch). */
  public long calls() {
    return calls.get();
  }

  private float[] runUnguarded(FloatBuffer input, long[] shape) throws UpscaleException {
    calls.incrementAndGet();
    OrtEnvironment env = SessionFactory.environment();
    try (OnnxTensor in = createInput(env, input, shape);
        OrtSession.Result result = session.run(Map.of(card.inputName(), in))) {
      OnnxTensor out = (OnnxTensor) result.get(0);
      FloatBuffer values = out.getFloatBuffer();
      if (values == null) {
        throw new UpscaleException(
            ErrorClass.MODEL_ERROR, "model " + card.id() + " returned a non-float output");
      }
      if (values.hasArray() && values.arrayOffset() == 0
          && values.array().length == values.remaining()) {
        return values.array(); // ORT already copied it to the heap: don't copy a second time
      }
      float[] array = new float[values.remaining()];
      values.get(array);
      return array;
    } catch (OrtException e) {
      throw new UpscaleException(
          ErrorClass.INFERENCE_FAILED,
          "model " + card.id() + " failed on " + device.label() + ": " + e.getMessage(),
          e);
    }
  }

  private OnnxTensor createInput(OrtEnvironment env, FloatBuffer input, long[] shape)
      throws OrtException {
    if (!fp16) {
      return OnnxTensor.createTensor(env, input, shape);
    }
    return OnnxTensor.createTensor(
        env, Fp16Conversions.convertFloatBufferToFp16Buffer(input), shape, OnnxJavaType.FLOAT16);
  }

  /** The session's ORT configuration entries (e.g. thread spinning), for tests. */
  Map<String, String> configEntries() {
    return options.getConfigEntries();
  }

  /** Input and output descriptions as ORT sees them, for validation against the card. */
  Map<String, NodeInfo> inputs() throws OrtException {
    return session.getInputInfo();
  }

  Map<String, NodeInfo> outputs() throws OrtException {
    return session.getOutputInfo();
  }


  @Override
  public void close() {
    try {
      session.close();
    } catch (OrtException e) {
      // Closing happens at eviction or JVM shutdown; nothing useful can be done but report it.
      org.slf4j.LoggerFactory.getLogger(ModelSession.class)
          .warn("closing session of {} on {} failed: {}", card.id(), device.label(), e.toString());
    } finally {
      options.close();
    }
  }
}
