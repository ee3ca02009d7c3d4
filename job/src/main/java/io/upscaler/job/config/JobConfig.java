package io.upscaler.job.config;

import io.upscaler.core.AlphaMode;
import io.upscaler.core.Fit;
import io.upscaler.core.TargetSize;
import io.upscaler.core.infer.DevicePolicy;
import io.upscaler.core.infer.DeviceRequest;
import io.upscaler.core.infer.GpuOptions;
import io.upscaler.core.infer.Precision;
import io.upscaler.job.source.HttpSettings;
import java.io.Serializable;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalInt;
import java.util.UUID;

/**
 * The run's settings, typed and validated, parsed once on the driver. Immutable and serializable:
 * executors get this record, never the parser or the Spark session.
 *
 * <p>{@link #raw()} keeps the effective textual value of every setting for the run summary. A run
 * id is always present: given ({@link #runIdGiven()}), or made when the settings are parsed (a
 * second and 32 random bits: new, so nothing needs checking for it).
 */
public record JobConfig(
    String input,
    String inputFormat,
    String output,
    String model,
    Double scale,
    Integer width,
    Integer height,
    Fit fit,
    String format,
    int quality,
    boolean lossless,
    int pngCompression,
    int webpMethod,
    boolean tuneColors,
    AlphaMode alpha,
    boolean stripMetadata,
    int tile,
    int batch,
    int pad,
    DevicePolicy device,
    int threads,
    int maxConcurrentRuns,
    boolean overwrite,
    double maxFailureRatio,
    int partitions,
    long limit,
    boolean dryRun,
    int probeConcurrency,
    long maxInputPixels,
    long maxInputBytes,
    long maxOutputPixels,
    String modelsDir,
    int prefetch,
    int writers,
    int retries,
    HttpSettings http,
    int journalEvery,
    ReportSettings report,
    String runId,
    boolean runIdGiven,
    Precision precision,
    GpuOptions gpu,
    Map<String, String> raw)
    implements Serializable {

  /**
   * Builds the record from effective raw values (name → text; absent = default).
   *
   * @throws IllegalArgumentException naming the setting and value that is invalid, or the
   *     combination that is
   */
  public static JobConfig from(Map<String, String> values) {
    Map<String, String> raw = new LinkedHashMap<>();
    for (Setting<?> s : Settings.ALL) {
      if (values.containsKey(s.name())) {
        raw.put(s.name(), values.get(s.name()));
      } else if (s.defaultValue() != null) {
        raw.put(s.name(), String.valueOf(s.defaultValue()));
      }
    }
    boolean runIdGiven = raw.containsKey(Settings.RUN_ID.name());
    raw.putIfAbsent(Settings.RUN_ID.name(), newRunId());
    Values v = new Values(raw);
    String input = v.get(Settings.INPUT);
    String output = v.get(Settings.OUTPUT);
    if (input == null) {
      throw new IllegalArgumentException("input is required (--input URI)");
    }
    if (output == null) {
      throw new IllegalArgumentException("output is required (--output URI)");
    }
    Double scale = v.get(Settings.SCALE);
    Integer width = v.get(Settings.WIDTH);
    Integer height = v.get(Settings.HEIGHT);
    String fit = v.get(Settings.FIT);
    if (scale != null && (width != null || height != null)) {
      throw new IllegalArgumentException("give scale or width/height, not both");
    }
    if (width != null && height != null && fit == null) {
      throw new IllegalArgumentException(
          "width and height were both given: add --fit contain or --fit stretch");
    }
    String format = v.get(Settings.FORMAT);
    return new JobConfig(
        input,
        v.get(Settings.INPUT_FORMAT),
        output,
        ModelType.runModel(v.get(Settings.MODEL), v.get(Settings.MODEL_TYPE)),
        scale,
        width,
        height,
        fit == null ? null : Fit.parse(fit),
        "jpg".equals(format) ? "jpeg" : format,
        v.get(Settings.QUALITY),
        v.get(Settings.LOSSLESS),
        v.get(Settings.PNG_COMPRESSION),
        v.get(Settings.WEBP_METHOD),
        v.get(Settings.TUNE_COLORS),
        AlphaMode.parse(v.get(Settings.ALPHA)),
        "strip".equals(v.get(Settings.METADATA)),
        v.get(Settings.TILE),
        v.get(Settings.BATCH),
        v.get(Settings.PAD),
        devicePolicy(v.get(Settings.DEVICE)),
        v.get(Settings.THREADS),
        v.get(Settings.MAX_CONCURRENT_RUNS),
        "overwrite".equals(v.get(Settings.MODE)),
        v.get(Settings.MAX_FAILURE_RATIO),
        v.get(Settings.PARTITIONS),
        v.get(Settings.LIMIT),
        v.get(Settings.DRY_RUN),
        v.get(Settings.PROBE_CONCURRENCY),
        v.get(Settings.MAX_INPUT_PIXELS),
        v.get(Settings.MAX_INPUT_BYTES),
        v.get(Settings.MAX_OUTPUT_PIXELS),
        v.get(Settings.MODELS_DIR),
        v.get(Settings.PREFETCH),
        v.get(Settings.WRITERS),
        v.get(Settings.RETRIES),
        new HttpSettings(
            HttpSettings.seconds(v.get(Settings.HTTP_CONNECT_TIMEOUT)),
            HttpSettings.seconds(v.get(Settings.HTTP_READ_TIMEOUT)),
            v.get(Settings.HTTP_MAX_REDIRECTS),
            HttpSettings.seconds(v.get(Settings.HTTP_MAX_RETRY_WAIT)),
            v.get(Settings.RETRIES)),
        v.get(Settings.JOURNAL_EVERY),
        new ReportSettings(v.get(Settings.PRICE_PER_HOUR), v.get(Settings.INSTANCE),
            v.get(Settings.PRICE_TABLE), v.get(Settings.PROGRESS_EVERY), v.get(Settings.REPORT_SAMPLES)),
        v.get(Settings.RUN_ID),
        runIdGiven,
        Precision.valueOf(v.get(Settings.PRECISION).toUpperCase(java.util.Locale.ROOT)),
        gpuOptions(v),
        Map.copyOf(raw));
  }

  /** device=tensorrt is the gpu policy with the TensorRT provider. */
  private static DevicePolicy devicePolicy(String device) {
    return DevicePolicy.parse("tensorrt".equals(device) ? "gpu" : device);
  }

  private static GpuOptions gpuOptions(Values v) {
    boolean tensorrt = "tensorrt".equals(v.get(Settings.DEVICE))
        || "tensorrt".equals(v.get(Settings.GPU_PROVIDER));
    String cache = v.get(Settings.TENSORRT_CACHE);
    return new GpuOptions(
        tensorrt ? GpuOptions.Provider.TENSORRT : GpuOptions.Provider.CUDA,
        v.get(Settings.CUDA_CONV_ALGO_SEARCH).toUpperCase(java.util.Locale.ROOT),
        v.get(Settings.CUDA_MEM_LIMIT),
        "next-power-of-two".equals(v.get(Settings.CUDA_ARENA_EXTEND)) ? "kNextPowerOfTwo"
            : "kSameAsRequested",
        "default".equals(v.get(Settings.CUDA_COPY_STREAM)),
        "on".equals(v.get(Settings.CUDA_MAX_WORKSPACE)),
        "on".equals(v.get(Settings.CUDA_TF32)),
        "on".equals(v.get(Settings.CUDA_NHWC)),
        cache != null ? cache : GpuOptions.defaults().tensorrtCacheDir(),
        v.get(Settings.TENSORRT_WORKSPACE),
        v.get(Settings.TILE),
        v.get(Settings.PAD),
        v.get(Settings.BATCH));
  }

  /** What executors ask the session cache for, given the task's GPU and intra-op threads. */
  public DeviceRequest deviceRequest(OptionalInt assignedGpu, int intraOpThreads) {
    return new DeviceRequest(device, assignedGpu, intraOpThreads, precision, gpu);
  }

  /** The run's target size (a row may override it). */
  public TargetSize target() {
    return TargetSize.of(scale, width, height, fit);
  }

  /** The default run id: the UTC time to the second and a random suffix. */
  static String newRunId() {
    String time = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
        .withZone(ZoneOffset.UTC).format(Instant.now());
    return time + "-" + UUID.randomUUID().toString().substring(0, 8);
  }

  private record Values(Map<String, String> raw) {
    <T> T get(Setting<T> setting) {
      String text = raw.get(setting.name());
      return text == null ? null : setting.parse(text);
    }
  }
}
