package io.upscaler.job.config;

import java.util.List;

/**
 * Every setting of the job, declared once. The command line uses {@code --name value}; Spark
 * configuration and the properties file use {@code spark.upscaler.name=value}. Precedence:
 * command line, then {@code --conf}, then the file, then the default here.
 */
public final class Settings {
  private Settings() {}

  public static final Setting<String> INPUT = Setting.string("input", null,
      "Manifest (Parquet, CSV with header, JSON lines) or a folder/glob of images; any Hadoop URI,"
          + " or an http(s) URL of a manifest");
  public static final Setting<String> INPUT_FORMAT = Setting.choice("input-format", "auto",
      "How to read --input: auto (by extension; folders are images), parquet, csv, json, images",
      "auto", "parquet", "csv", "json", "images");
  public static final Setting<String> OUTPUT = Setting.string("output", null,
      "Output root (local path, file:, s3a:, hdfs:): images/, stats/ and runs/ go under it");
  public static final Setting<String> MODEL = Setting.string("model", null,
      "Model id or alias from the registry, or a .onnx URI with its card beside it;"
          + " default: the registry's default for the requested scale");
  public static final Setting<Double> SCALE = Setting.decimal("scale", null, 1.0, 64.0,
      "Scale factor, any value from 1 to 64 (default: the native scale of a model named by id,"
          + " e.g. 2 for esrgan-slim-x2; else 4; none with --width/--height)");
  public static final Setting<Integer> WIDTH = Setting.integer("width", null, 1, 1_000_000,
      "Target width in pixels; height follows the aspect ratio");
  public static final Setting<Integer> HEIGHT = Setting.integer("height", null, 1, 1_000_000,
      "Target height in pixels; width follows the aspect ratio");
  public static final Setting<String> FIT = Setting.choice("fit", null,
      "With both --width and --height: contain (keep aspect, fit inside) or stretch",
      "contain", "stretch");
  public static final Setting<String> FORMAT = Setting.choice("format", "auto",
      "Output format: auto keeps the input's format where writable, alpha goes to PNG"
          + " (WebP stays WebP), anything else to PNG",
      "auto", "png", "jpeg", "jpg", "webp", "tiff");
  public static final Setting<Integer> QUALITY = Setting.integer("quality", 85, 1, 100,
      "JPEG and lossy WebP quality");
  public static final Setting<Boolean> LOSSLESS = Setting.flag("lossless",
      "Write WebP losslessly");
  public static final Setting<Integer> PNG_COMPRESSION = Setting.integer("png-compression",
      io.upscaler.core.image.EncodeOptions.DEFAULT_PNG_COMPRESSION, 0, 9,
      "PNG zlib level: 0 stored, 1 fast (~27 ms per output MP on one core), 9 smallest"
          + " (~7x slower for ~15-20 % smaller files)");
  public static final Setting<Integer> WEBP_METHOD = Setting.integer("webp-method",
      io.upscaler.core.image.EncodeOptions.DEFAULT_WEBP_METHOD, 0, 6,
      "WebP encoder effort (libwebp method): 0 fastest, 6 smallest files");
  public static final Setting<Boolean> TUNE_COLORS = Setting.flag("tune-colors",
      "Match output colour statistics to a bicubic upscale of the input");
  public static final Setting<String> ALPHA = Setting.choice("alpha", "bicubic",
      "How alpha is upscaled: bicubic, or model (the model on alpha as grey)", "bicubic", "model");
  public static final Setting<String> METADATA = Setting.choice("metadata", "keep",
      "keep EXIF (orientation reset) and mark sRGB, or strip all metadata", "keep", "strip");
  public static final Setting<Integer> TILE = Setting.integer("tile", 512, 16, 8192,
      "Largest tile side in input pixels (memory is bounded by tile and batch)");
  public static final Setting<Integer> BATCH = Setting.integer("batch", 1, 1, 256,
      "Tiles per model call");
  public static final Setting<Integer> PAD = Setting.integer("pad", -1, -1, 4096,
      "Tile context in input pixels; -1 uses the model's receptive field (exact output)");
  public static final Setting<String> DEVICE = Setting.choice("device", "auto",
      "auto (the task's GPU if any, else CPU, logged), cpu, gpu (a missing GPU is fatal), or"
          + " tensorrt (gpu through TensorRT: same as --device gpu --gpu-provider tensorrt)",
      "auto", "cpu", "gpu", "tensorrt");
  public static final Setting<Integer> THREADS = Setting.integer("threads", 0, 0, 1024,
      "ONNX Runtime intra-op threads per session; 0 = spark.task.cpus");
  public static final Setting<Integer> MAX_CONCURRENT_RUNS = Setting.integer(
      "max-concurrent-runs", 0, 0, 1024,
      "Model calls in flight per shared session; 0 = no bound");
  public static final Setting<String> MODE = Setting.choice("mode", "skip-existing",
      "skip-existing skips rows an earlier run's journal records as written with the same settings"
          + " (outputs themselves are not checked: after deleting outputs, use overwrite);"
          + " overwrite redoes every row",
      "skip-existing", "overwrite");
  public static final Setting<Double> MAX_FAILURE_RATIO = Setting.decimal(
      "max-failure-ratio", 0.0, 0.0, 1.0,
      "Exit with code 3 when FAILED rows / rows exceeds this");
  public static final Setting<Integer> PARTITIONS = Setting.integer("partitions", 0, 0, 1_000_000,
      "Partitions to balance images over; 0 = 3 x the available task slots");
  public static final Setting<Long> LIMIT = Setting.longValue("limit", 0L, 0, Long.MAX_VALUE,
      "Process only the first N manifest rows (0 = all)");
  public static final Setting<Boolean> DRY_RUN = Setting.flag("dry-run",
      "Validate, plan and estimate; write nothing");
  public static final Setting<Integer> PROBE_CONCURRENCY = Setting.integer(
      "probe-concurrency", 16, 1, 256,
      "Header reads in flight per task when a dry run probes every image");
  public static final Setting<Long> MAX_INPUT_PIXELS = Setting.longValue(
      "max-input-pixels", 50_000_000L, 1, Long.MAX_VALUE,
      "Refuse inputs whose header declares more pixels (TOO_MANY_PIXELS)");
  public static final Setting<Long> MAX_INPUT_BYTES = Setting.longValue(
      "max-input-bytes", 256L * 1024 * 1024, 1, Integer.MAX_VALUE - 64,
      "Refuse inputs larger than this many bytes (TOO_MANY_BYTES)");
  public static final Setting<Long> MAX_OUTPUT_PIXELS = Setting.longValue(
      "max-output-pixels", 100_000_000L, 1, 500_000_000L,
      "Refuse outputs larger than this (OUTPUT_TOO_LARGE); bounds executor memory");
  public static final Setting<String> MODELS_DIR = Setting.string("models-dir", "models/imported",
      "Folder of models imported by models/import.sh (on every node)");
  public static final Setting<Integer> PREFETCH = Setting.integer("prefetch", 2, 1, 64,
      "Images read and decoded ahead of inference, per task");
  public static final Setting<Integer> WRITERS = Setting.integer("writers", 0, 0, 64,
      "Encode-and-write threads per task; 0 = max(2, spark.task.cpus). At the default settings PNG"
          + " encoding costs ~28 ms per output megapixel on one core, WebP ~18, JPEG ~6: on GPUs,"
          + " give tasks cores to encode with");
  public static final Setting<Integer> RETRIES = Setting.integer("retries", 3, 0, 10,
      "Retries of transient read/write failures per image (exponential backoff; for http(s),"
          + " 408, 429, 5xx, resets and timeouts, honouring Retry-After)");
  public static final Setting<Double> HTTP_CONNECT_TIMEOUT = Setting.decimal(
      "http-connect-timeout", 10.0, 0.001, 3600.0,
      "Seconds to wait for an http(s) source's connection (TCP and TLS)");
  public static final Setting<Double> HTTP_READ_TIMEOUT = Setting.decimal(
      "http-read-timeout", 30.0, 0.001, 3600.0,
      "Seconds to wait for an http(s) response's headers, and for each further part of its body");
  public static final Setting<Integer> HTTP_MAX_REDIRECTS = Setting.integer(
      "http-max-redirects", 5, 0, 50,
      "Redirects followed per http(s) read; one more fails the row (READ_FAILED)");
  public static final Setting<Double> HTTP_MAX_RETRY_WAIT = Setting.decimal(
      "http-max-retry-wait", 60.0, 0.0, 3600.0,
      "Longest wait in seconds before retrying an http(s) read; a longer Retry-After fails the row");
  public static final Setting<Integer> JOURNAL_EVERY = Setting.integer("journal-every", 64, 1, 100_000,
      "Completed outputs per journal file (also flushed every 30 s): what a killed run can lose");
  public static final Setting<String> RUN_ID = Setting.pattern("run-id", null, "[A-Za-z0-9._-]{1,100}",
      "Run identifier: letters, digits, '.', '_', '-' (default: UTC timestamp plus a random suffix);"
          + " a run id already used under --output is refused");
  public static final Setting<String> MODEL_TYPE = Setting.choice("model-type", null,
      "The model family in the hosted APIs' words: classic (RDN: esrgan-medium) or gan (Real-ESRGAN"
          + " general: realesr-general-x4v3); not with --model. Manifest column model_type per row",
      "classic", "gan");
  public static final Setting<Double> PRICE_PER_HOUR = Setting.decimal("price-per-hour", null, 0.0,
      1_000_000.0, "USD per hour of one executor's device (one GPU when tasks get GPUs, else one"
          + " executor) for cost_usd; wins over the price of --instance");
  public static final Setting<String> INSTANCE = Setting.pattern("instance", null,
      "[A-Za-z0-9][A-Za-z0-9._-]{0,63}",
      "Instance type whose on-demand price (price table) prices the run, e.g. g4dn.xlarge; also the"
          + " device the dry run estimates for");
  public static final Setting<String> PRICE_TABLE = Setting.string("price-table", null,
      "Instance price table (CSV, see conf/instance-prices.csv); default: conf/instance-prices.csv"
          + " if present, else the copy in the jar");
  public static final Setting<Integer> PROGRESS_EVERY = Setting.integer("progress-every", 15, 1, 3600,
      "Seconds between the driver's progress lines (images done/total, MP/s, cost, ETA)");
  public static final Setting<Integer> REPORT_SAMPLES = Setting.integer("report-samples", 12, 0, 100,
      "Before/after pairs in runs/<run_id>/report.html, spread over the partitions; 0 = none");
  public static final Setting<String> CONFIG = Setting.string("config", null,
      "Properties file of spark.upscaler.* settings (default: conf/upscaler.properties if present)");

  public static final Setting<String> PRECISION = Setting.choice("precision", "auto",
      "auto runs a model's fp16 twin on GPUs (CUDA, TensorRT) and fp32 on the CPU; fp32 everywhere;"
          + " fp16 twins everywhere (a model without a twin fails with MODEL_ERROR)",
      "auto", "fp32", "fp16");
  public static final Setting<String> GPU_PROVIDER = Setting.choice("gpu-provider", "cuda",
      "How device auto and gpu use a GPU: cuda, or tensorrt (TensorRT engines, CUDA for the nodes"
          + " TensorRT does not take); a provider that can't load falls back or fails by --device",
      "cuda", "tensorrt");
  public static final Setting<String> CUDA_CONV_ALGO_SEARCH = Setting.choice(
      "cuda-conv-algo-search", "heuristic",
      "cuDNN convolution algorithm choice: heuristic (no benchmarking per new tile shape),"
          + " exhaustive (benchmarks each new shape once: best for one fixed tile size), default",
      "heuristic", "exhaustive", "default");
  public static final Setting<Long> CUDA_MEM_LIMIT = Setting.longValue("cuda-mem-limit", 0L, 0,
      Long.MAX_VALUE, "Bytes the CUDA memory arena may hold per session; 0 = no limit");
  public static final Setting<String> CUDA_ARENA_EXTEND = Setting.choice("cuda-arena-extend",
      "same-as-requested", "How the CUDA arena grows: same-as-requested (no over-reservation after"
          + " one large image) or next-power-of-two (fewer allocations)",
      "same-as-requested", "next-power-of-two");
  public static final Setting<String> CUDA_COPY_STREAM = Setting.choice("cuda-copy-stream",
      "default", "Host-device copies on the compute stream (default, ORT's safe choice) or on a"
          + " separate stream (separate: overlaps copies, may race for some models)",
      "default", "separate");
  public static final Setting<String> CUDA_MAX_WORKSPACE = Setting.choice("cuda-max-workspace",
      "on", "Let cuDNN take the workspace its fastest convolution wants (off saves memory)",
      "on", "off");
  public static final Setting<String> CUDA_TF32 = Setting.choice("cuda-tf32", "on",
      "TF32 math for fp32 convolutions on Ampere and later GPUs (A10G, L4); off = strict fp32",
      "on", "off");
  public static final Setting<String> CUDA_NHWC = Setting.choice("cuda-nhwc", "off",
      "Let the CUDA provider run convolutions in NHWC (faster on tensor cores for fp16)",
      "on", "off");
  public static final Setting<String> TENSORRT_CACHE = Setting.string("tensorrt-cache", null,
      "Folder on each executor for TensorRT engine and timing caches (built once per model, tile"
          + " and batch); default <java.io.tmpdir>/upscaler-tensorrt");
  public static final Setting<Long> TENSORRT_WORKSPACE = Setting.longValue("tensorrt-workspace",
      1L << 30, 1L << 20, 1L << 40, "TensorRT builder workspace in bytes");

  /** All settings, in the order --help lists them. */
  public static final List<Setting<?>> ALL = List.of(
      INPUT, INPUT_FORMAT, OUTPUT, MODEL, MODEL_TYPE, SCALE, WIDTH, HEIGHT, FIT, FORMAT, QUALITY,
      LOSSLESS, PNG_COMPRESSION, WEBP_METHOD, TUNE_COLORS, ALPHA, METADATA, TILE, BATCH, PAD, DEVICE,
      THREADS, MAX_CONCURRENT_RUNS, MODE,
      MAX_FAILURE_RATIO, PARTITIONS, LIMIT, DRY_RUN, PROBE_CONCURRENCY, MAX_INPUT_PIXELS, MAX_INPUT_BYTES,
      MAX_OUTPUT_PIXELS, MODELS_DIR, PREFETCH, WRITERS, RETRIES, HTTP_CONNECT_TIMEOUT,
      HTTP_READ_TIMEOUT, HTTP_MAX_REDIRECTS, HTTP_MAX_RETRY_WAIT, JOURNAL_EVERY, RUN_ID, CONFIG,
      PRICE_PER_HOUR, INSTANCE, PRICE_TABLE, PROGRESS_EVERY, REPORT_SAMPLES,
      PRECISION, GPU_PROVIDER, CUDA_CONV_ALGO_SEARCH, CUDA_MEM_LIMIT, CUDA_ARENA_EXTEND,
      CUDA_COPY_STREAM, CUDA_MAX_WORKSPACE, CUDA_TF32, CUDA_NHWC, TENSORRT_CACHE,
      TENSORRT_WORKSPACE);
}
