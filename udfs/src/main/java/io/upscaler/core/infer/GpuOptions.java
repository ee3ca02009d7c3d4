package io.upscaler.core.infer;

import io.upscaler.core.Upscaler;
import io.upscaler.models.ModelCard;
import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How a session uses a GPU: the provider and its options, as ONNX Runtime 1.29's CUDA and
 * TensorRT execution providers name them (every key and enumerated value used here appears in the
 * 1.29 provider libraries' strings; they can't be exercised without a GPU). Immutable and serializable (part of a {@link
 * DeviceRequest}, so it is a session cache key); the job fills it from its settings.
 *
 * @param provider CUDA, or TensorRT (with CUDA for the nodes TensorRT does not take)
 * @param convAlgoSearch cuDNN convolution algorithm search: HEURISTIC, EXHAUSTIVE or DEFAULT
 * @param memLimitBytes device memory arena limit in bytes; 0 for no limit
 * @param arenaExtend how the arena grows: kSameAsRequested or kNextPowerOfTwo
 * @param copyInDefaultStream copies on the compute stream (ORT's default, safe) or a separate one
 * @param convMaxWorkspace let cuDNN use as much workspace as its fastest algorithm wants
 * @param tf32 allow TF32 math for fp32 convolutions on Ampere and later (A10G, L4)
 * @param preferNhwc let the CUDA provider use NHWC kernels (faster on tensor cores, fp16)
 * @param tensorrtCacheDir folder of TensorRT engine and timing caches on each executor
 * @param tensorrtWorkspaceBytes TensorRT builder workspace in bytes
 * @param tile the job's largest tile core side (input pixels); with {@code pad} it bounds the
 *     windows the model sees, and TensorRT builds one engine for every window from 1x1 to that
 *     size instead of one per new shape; 0 = no profile (an engine per shape)
 * @param pad the job's tile context; -1 = the model's receptive-field radius
 * @param maxBatch largest batch the job sends (the engine's batch range)
 */
public record GpuOptions(
    Provider provider,
    String convAlgoSearch,
    long memLimitBytes,
    String arenaExtend,
    boolean copyInDefaultStream,
    boolean convMaxWorkspace,
    boolean tf32,
    boolean preferNhwc,
    String tensorrtCacheDir,
    long tensorrtWorkspaceBytes,
    int tile,
    int pad,
    int maxBatch)
    implements Serializable {

  /** The GPU execution provider. */
  public enum Provider {
    CUDA,
    TENSORRT
  }

  public GpuOptions {
    if (memLimitBytes < 0 || tensorrtWorkspaceBytes < 1 || tile < 0 || pad < -1 || maxBatch < 1) {
      throw new IllegalArgumentException("GPU options out of range: " + memLimitBytes + ", "
          + tensorrtWorkspaceBytes + ", " + tile + ", " + pad + ", " + maxBatch);
    }
  }

  /**
   * CUDA with heuristic algorithm search (catalogue images give many tile shapes; an exhaustive
   * search would benchmark algorithms again for each), an arena that grows only by what is asked
   * (one large image doesn't reserve twice its memory for the rest of the run), and ORT's other
   * defaults.
   */
  public static GpuOptions defaults() {
    return new GpuOptions(Provider.CUDA, "HEURISTIC", 0, "kSameAsRequested", true, true, true,
        false, System.getProperty("java.io.tmpdir") + "/upscaler-tensorrt", 1L << 30, 0, -1, 1);
  }

  /** Copy with another provider. */
  public GpuOptions withProvider(Provider p) {
    return new GpuOptions(p, convAlgoSearch, memLimitBytes, arenaExtend, copyInDefaultStream,
        convMaxWorkspace, tf32, preferNhwc, tensorrtCacheDir, tensorrtWorkspaceBytes, tile, pad,
        maxBatch);
  }

  /** The CUDA provider's options (keys of {@code OrtCUDAProviderOptions.add}). */
  public Map<String, String> cudaOptions() {
    Map<String, String> o = new LinkedHashMap<>();
    o.put("cudnn_conv_algo_search", convAlgoSearch);
    o.put("arena_extend_strategy", arenaExtend);
    if (memLimitBytes > 0) {
      o.put("gpu_mem_limit", Long.toString(memLimitBytes));
    }
    o.put("do_copy_in_default_stream", flag(copyInDefaultStream));
    o.put("cudnn_conv_use_max_workspace", flag(convMaxWorkspace));
    o.put("use_tf32", flag(tf32));
    o.put("prefer_nhwc", flag(preferNhwc));
    return o;
  }

  /**
   * The TensorRT provider's options for one model (keys of {@code OrtTensorRTProviderOptions.add}):
   * fp16 kernels allowed when the session runs the fp16 twin, engine and timing caches in
   * {@link #tensorrtCacheDir}, and an optimization profile covering every window the job sends.
   */
  public Map<String, String> tensorrtOptions(ModelCard card) {
    Map<String, String> o = new LinkedHashMap<>();
    o.put("trt_fp16_enable", flag(card.precision().equals(ModelCard.FP16)));
    o.put("trt_max_workspace_size", Long.toString(tensorrtWorkspaceBytes));
    o.put("trt_engine_cache_enable", "1");
    o.put("trt_engine_cache_path", tensorrtCacheDir);
    o.put("trt_timing_cache_enable", "1");
    o.put("trt_timing_cache_path", tensorrtCacheDir);
    if (tile > 0) {
      int window = tile + 2 * (pad >= 0 ? pad : Upscaler.contextFor(card));
      String max = card.inputName() + ":" + maxBatch + "x3x" + window + "x" + window;
      o.put("trt_profile_min_shapes", card.inputName() + ":1x3x1x1");
      o.put("trt_profile_opt_shapes", max);
      o.put("trt_profile_max_shapes", max);
    }
    return o;
  }

  private static String flag(boolean on) {
    return on ? "1" : "0";
  }
}
