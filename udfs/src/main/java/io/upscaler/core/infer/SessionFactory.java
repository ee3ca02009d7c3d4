package io.upscaler.core.infer;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtLoggingLevel;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.providers.OrtCUDAProviderOptions;
import ai.onnxruntime.providers.OrtTensorRTProviderOptions;
import io.upscaler.core.ErrorClass;
import io.upscaler.core.ModelStore;
import io.upscaler.core.UpscaleException;
import io.upscaler.models.ModelCard;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds ORT sessions under a {@link DevicePolicy}. Stateless; {@link SessionCache} decides when
 * to call it (once per model and device per JVM).
 *
 * <p>The one {@link OrtEnvironment} of the JVM is created on first use and never closed: ORT
 * allows one per process, and closing it under other sessions would break them.
 */
final class SessionFactory {
  private static final Logger LOG = LoggerFactory.getLogger(SessionFactory.class);

  private SessionFactory() {}

  /**
   * The JVM's ORT environment, created on first use on a thread with a large stack.
   *
   * <p>Why: creating the environment makes ORT parse this process's command line recursively, with
   * a depth that grows with the longest argument; a launcher that puts a classpath of a few KB on
   * the command line ({@code java -cp ...}) overflows a default 1 MB thread stack and kills the
   * JVM with SIGSEGV. A dedicated thread with {@value #INIT_STACK_BYTES} bytes of (virtual,
   * touched-on-demand) stack makes that safe for any realistic command line.
   */
  static OrtEnvironment environment() throws UpscaleException {
    OrtEnvironment env = ENVIRONMENT;
    if (env == null) {
      synchronized (SessionFactory.class) {
        if (ENVIRONMENT == null) {
          ENVIRONMENT = createEnvironment();
        }
        env = ENVIRONMENT;
      }
    }
    return env;
  }

  static final long INIT_STACK_BYTES = 512L << 20;
  private static volatile OrtEnvironment ENVIRONMENT;

  private static OrtEnvironment createEnvironment() throws UpscaleException {
    OrtEnvironment[] created = new OrtEnvironment[1];
    Throwable[] failure = new Throwable[1];
    Thread init = new Thread(null, () -> {
      try {
        created[0] =
            OrtEnvironment.getEnvironment(OrtLoggingLevel.ORT_LOGGING_LEVEL_WARNING, "upscaler");
      } catch (Throwable t) {
        failure[0] = t;
      }
    }, "upscaler-ort-init", INIT_STACK_BYTES);
    init.start();
    try {
      init.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new UpscaleException(ErrorClass.MODEL_ERROR, "interrupted while starting ONNX Runtime");
    }
    if (created[0] == null) {
      throw new UpscaleException(
          ErrorClass.MODEL_ERROR, "ONNX Runtime could not start: " + failure[0], failure[0]);
    }
    return created[0];
  }

  static ModelSession open(
      ModelCard card, ModelStore store, DeviceRequest request, int maxConcurrentRuns)
      throws UpscaleException {
    long start = System.nanoTime();
    ModelSession session = openOnDevice(card, store, request, maxConcurrentRuns);
    try {
      SignatureCheck.verify(session.card(), session);
    } catch (UpscaleException e) {
      session.close();
      throw e;
    }
    LOG.info(
        "loaded model {} (sha256 {}) on {} in {} ms",
        session.card().id(),
        shortHash(session.card()),
        session.device().label(),
        (System.nanoTime() - start) / 1_000_000);
    return session;
  }

  private static ModelSession openOnDevice(
      ModelCard card, ModelStore store, DeviceRequest request, int maxConcurrentRuns)
      throws UpscaleException {
    switch (request.policy()) {
      case CPU:
        return cpu(card, store, request, maxConcurrentRuns, null);
      case GPU:
        if (request.assignedGpu().isEmpty()) {
          throw new UpscaleException(
              ErrorClass.DEVICE_UNAVAILABLE,
              "device=" + (request.gpu().provider() == GpuOptions.Provider.TENSORRT ? "tensorrt"
                  : "gpu") + " but no GPU is assigned to this task; set"
                  + " spark.executor.resource.gpu.amount and spark.task.resource.gpu.amount,"
                  + " or use device=auto or cpu");
        }
        return gpu(card, store, request.assignedGpu().getAsInt(), request, maxConcurrentRuns);
      case AUTO:
      default:
        if (request.assignedGpu().isEmpty()) {
          return cpu(card, store, request, maxConcurrentRuns, null);
        }
        return gpuOrCpu(card, store, request, maxConcurrentRuns);
    }
  }

  private static ModelSession gpuOrCpu(
      ModelCard card, ModelStore store, DeviceRequest request, int maxConcurrentRuns)
      throws UpscaleException {
    int gpu = request.assignedGpu().getAsInt();
    try {
      return gpu(card, store, gpu, request, maxConcurrentRuns);
    } catch (UpscaleException e) {
      if (e.errorClass() != ErrorClass.DEVICE_UNAVAILABLE) {
        throw e;
      }
      String reason = e.getMessage();
      LOG.warn("device=auto: falling back to the CPU for model {}: {}", card.id(), reason);
      return cpu(card, store, request, maxConcurrentRuns, reason);
    }
  }

  /**
   * A session on the GPU: the provider(s) appended to the options (TensorRT first, then CUDA for
   * the nodes TensorRT does not take), then the model in the precision the request chooses for a
   * GPU. A provider that can't load (missing CUDA, cuDNN or TensorRT libraries, no such device) is
   * DEVICE_UNAVAILABLE, which device=auto turns into a recorded CPU fallback.
   */
  private static ModelSession gpu(
      ModelCard card, ModelStore store, int gpu, DeviceRequest request, int maxConcurrentRuns)
      throws UpscaleException {
    ModelCard chosen = request.precision().choose(card, store, true);
    GpuOptions settings = request.gpu();
    boolean tensorrt = settings.provider() == GpuOptions.Provider.TENSORRT;
    Device device = tensorrt ? Device.tensorrt(gpu) : Device.cuda(gpu);
    OrtSession.SessionOptions options = baseOptions(request);
    try {
      if (tensorrt) {
        addTensorrt(options, gpu, settings.tensorrtOptions(chosen));
      }
      addCuda(options, gpu, settings.cudaOptions());
    } catch (OrtException | RuntimeException | UnsatisfiedLinkError e) {
      options.close();
      throw new UpscaleException(
          ErrorClass.DEVICE_UNAVAILABLE,
          (tensorrt ? "TensorRT on CUDA device " : "CUDA device ") + gpu
              + " could not be used for model " + chosen.id() + ": " + e,
          e);
    }
    return create(chosen, store.bytes(chosen), options, device, null, maxConcurrentRuns);
  }

  private static void addCuda(OrtSession.SessionOptions options, int gpu, Map<String, String> o)
      throws OrtException {
    try (OrtCUDAProviderOptions cuda = new OrtCUDAProviderOptions(gpu)) {
      for (Map.Entry<String, String> e : o.entrySet()) {
        cuda.add(e.getKey(), e.getValue());
      }
      options.addCUDA(cuda);
    }
  }

  private static void addTensorrt(OrtSession.SessionOptions options, int gpu,
      Map<String, String> o) throws OrtException {
    Path cache = Path.of(o.get("trt_engine_cache_path"));
    try {
      Files.createDirectories(cache);
    } catch (IOException e) {
      throw new IllegalStateException("the TensorRT engine cache folder " + cache
          + " can't be created (setting tensorrt-cache): " + e, e);
    }
    try (OrtTensorRTProviderOptions trt = new OrtTensorRTProviderOptions(gpu)) {
      for (Map.Entry<String, String> e : o.entrySet()) {
        trt.add(e.getKey(), e.getValue());
      }
      options.addTensorrt(trt);
    }
  }

  private static ModelSession cpu(
      ModelCard card,
      ModelStore store,
      DeviceRequest request,
      int maxConcurrentRuns,
      String fallbackReason)
      throws UpscaleException {
    ModelCard chosen = request.precision().choose(card, store, false);
    OrtSession.SessionOptions options = baseOptions(request);
    try {
      // ORT's intra-op threads spin after each parallel section by default. In the job other
      // threads (decode, encode, the other task's model call) need those cores between and during
      // model calls; spinning took ~25 % more CPU per output megapixel here (BENCHMARKS.md).
      if (request.intraOpThreads() > 1) {
        options.addConfigEntry(NO_SPINNING, "0");
      }
    } catch (OrtException e) {
      options.close();
      throw new UpscaleException(ErrorClass.MODEL_ERROR, "invalid ORT session options: " + e, e);
    }
    return create(chosen, store.bytes(chosen), options, Device.cpu(), fallbackReason,
        maxConcurrentRuns);
  }

  /** ORT's session configuration key for intra-op thread spinning (1 = spin, 0 = block). */
  static final String NO_SPINNING = "session.intra_op.allow_spinning";

  private static OrtSession.SessionOptions baseOptions(DeviceRequest request)
      throws UpscaleException {
    OrtSession.SessionOptions options = new OrtSession.SessionOptions();
    try {
      options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
      options.setExecutionMode(OrtSession.SessionOptions.ExecutionMode.SEQUENTIAL);
      options.setIntraOpNumThreads(request.intraOpThreads());
      options.setInterOpNumThreads(1);
      return options;
    } catch (OrtException e) {
      options.close();
      throw new UpscaleException(ErrorClass.MODEL_ERROR, "invalid ORT session options: " + e, e);
    }
  }

  private static ModelSession create(
      ModelCard card,
      byte[] onnx,
      OrtSession.SessionOptions options,
      Device device,
      String fallbackReason,
      int maxConcurrentRuns)
      throws UpscaleException {
    try {
      OrtSession session = environment().createSession(onnx, options);
      return new ModelSession(card, session, options, device, fallbackReason, maxConcurrentRuns);
    } catch (OrtException | RuntimeException e) {
      options.close();
      ErrorClass kind = device.isGpu() ? ErrorClass.DEVICE_UNAVAILABLE : ErrorClass.MODEL_ERROR;
      throw new UpscaleException(
          kind, "model " + card.id() + " could not be loaded on " + device.label() + ": " + e, e);
    }
  }

  private static String shortHash(ModelCard card) {
    String h = card.sha256();
    return h == null ? "?" : h.substring(0, Math.min(12, h.length()));
  }
}
