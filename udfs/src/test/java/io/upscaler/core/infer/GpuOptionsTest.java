package io.upscaler.core.infer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.upscaler.models.ModelCard;
import io.upscaler.models.ModelRegistry;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** GPU settings become exactly the provider options ONNX Runtime's CUDA and TensorRT providers read. */
class GpuOptionsTest {
  private static final ModelRegistry REGISTRY = ModelRegistry.bundled();

  @Test
  void defaultsAreHeuristicSearchAndAnArenaThatGrowsByWhatIsAsked() {
    assertEquals(Map.of("cudnn_conv_algo_search", "HEURISTIC",
        "arena_extend_strategy", "kSameAsRequested", "do_copy_in_default_stream", "1",
        "cudnn_conv_use_max_workspace", "1", "use_tf32", "1", "prefer_nhwc", "0"),
        GpuOptions.defaults().cudaOptions());
  }

  @Test
  void everyCudaSettingReachesItsProviderOption() {
    GpuOptions o = new GpuOptions(GpuOptions.Provider.CUDA, "EXHAUSTIVE", 6L << 30,
        "kNextPowerOfTwo", false, false, false, true, "/cache", 1L << 30, 0, -1, 1);
    assertEquals(Map.of("cudnn_conv_algo_search", "EXHAUSTIVE",
        "arena_extend_strategy", "kNextPowerOfTwo", "gpu_mem_limit", "6442450944",
        "do_copy_in_default_stream", "0", "cudnn_conv_use_max_workspace", "0", "use_tf32", "0",
        "prefer_nhwc", "1"), o.cudaOptions());
  }

  @Test
  void tensorrtGetsFp16ForTheTwinACacheFolderAndOneProfileForEveryWindow() {
    GpuOptions o = new GpuOptions(GpuOptions.Provider.TENSORRT, "HEURISTIC", 0,
        "kSameAsRequested", true, true, true, false, "/mnt/trt", 2L << 30, 512, -1, 4);
    ModelCard fp32 = REGISTRY.resolve("realesr-general-x4v3");
    ModelCard twin = REGISTRY.fp16Twin(fp32).orElseThrow();

    Map<String, String> trt = o.tensorrtOptions(twin);

    // Window = tile 512 + 2 x the model's receptive-field radius 34.
    assertEquals(Map.of("trt_fp16_enable", "1", "trt_max_workspace_size", "2147483648",
        "trt_engine_cache_enable", "1", "trt_engine_cache_path", "/mnt/trt",
        "trt_timing_cache_enable", "1", "trt_timing_cache_path", "/mnt/trt",
        "trt_profile_min_shapes", "input:1x3x1x1", "trt_profile_opt_shapes", "input:4x3x580x580",
        "trt_profile_max_shapes", "input:4x3x580x580"), trt);
    assertEquals("0", o.tensorrtOptions(fp32).get("trt_fp16_enable"));
  }

  @Test
  void anExplicitPadSetsTheWindowAndNoTileMeansNoProfile() {
    GpuOptions padded = new GpuOptions(GpuOptions.Provider.TENSORRT, "HEURISTIC", 0,
        "kSameAsRequested", true, true, true, false, "/c", 1L << 30, 256, 8, 1);
    ModelCard slim = REGISTRY.resolve("esrgan-slim-x2");
    assertEquals("input:1x3x272x272", padded.tensorrtOptions(slim).get("trt_profile_max_shapes"));
    assertEquals(null, GpuOptions.defaults().tensorrtOptions(slim).get("trt_profile_max_shapes"));
  }

  @Test
  void outOfRangeValuesAreRefused() {
    assertThrows(IllegalArgumentException.class, () -> new GpuOptions(GpuOptions.Provider.CUDA,
        "HEURISTIC", -1, "kSameAsRequested", true, true, true, false, "/c", 1, 0, -1, 1));
  }
}
