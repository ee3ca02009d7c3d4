package io.upscaler.job.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.upscaler.core.infer.DevicePolicy;
import io.upscaler.core.infer.DeviceRequest;
import io.upscaler.core.infer.GpuOptions;
import io.upscaler.core.infer.Precision;
import java.util.Map;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/** The GPU settings (precision, provider, CUDA and TensorRT options) reach the device request. */
class GpuSettingsTest {
  @Test
  void defaultsAreAutoPrecisionAndCudaWithHeuristicSearch() {
    JobConfig c = resolve(Map.of(), "--input", "in.csv", "--output", "out");
    DeviceRequest r = c.deviceRequest(OptionalInt.of(0), 4);
    assertEquals(DevicePolicy.AUTO, r.policy());
    assertEquals(Precision.AUTO, r.precision());
    assertEquals(GpuOptions.Provider.CUDA, r.gpu().provider());
    assertEquals(GpuOptions.defaults().cudaOptions(), r.gpu().cudaOptions());
    assertEquals(OptionalInt.of(0), r.assignedGpu());
    assertEquals(4, r.intraOpThreads());
  }

  @Test
  void deviceTensorrtIsTheGpuPolicyWithTheTensorrtProvider() {
    JobConfig c = resolve(Map.of(), "--input", "in.csv", "--output", "out", "--device", "tensorrt");
    assertEquals(DevicePolicy.GPU, c.device());
    assertEquals(GpuOptions.Provider.TENSORRT, c.gpu().provider());

    JobConfig auto = resolve(Map.of("spark.upscaler.gpu-provider", "tensorrt"),
        "--input", "in.csv", "--output", "out");
    assertEquals(DevicePolicy.AUTO, auto.device(), "auto keeps its fallback with TensorRT");
    assertEquals(GpuOptions.Provider.TENSORRT, auto.gpu().provider());
  }

  @Test
  void everyGpuSettingReachesTheProviderOptions() {
    JobConfig c = resolve(Map.of("spark.upscaler.tensorrt-cache", "/mnt/trt"),
        "--input", "in.csv", "--output", "out", "--precision", "fp32",
        "--cuda-conv-algo-search", "exhaustive", "--cuda-mem-limit", "8000000000",
        "--cuda-arena-extend", "next-power-of-two", "--cuda-copy-stream", "separate",
        "--cuda-max-workspace", "off", "--cuda-tf32", "off", "--cuda-nhwc", "on",
        "--tensorrt-workspace", "2147483648", "--tile", "256", "--pad", "8", "--batch", "4");
    assertEquals(Precision.FP32, c.precision());
    assertEquals(new GpuOptions(GpuOptions.Provider.CUDA, "EXHAUSTIVE", 8_000_000_000L,
        "kNextPowerOfTwo", false, false, false, true, "/mnt/trt", 2147483648L, 256, 8, 4),
        c.gpu());
  }

  @Test
  void badValuesNameTheSetting() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> resolve(Map.of(), "--input", "a", "--output", "b", "--precision", "int8"));
    assertTrue(e.getMessage().contains("precision") && e.getMessage().contains("int8"),
        e.getMessage());
  }

  private static JobConfig resolve(Map<String, String> sparkConf, String... args) {
    return ConfigParser.resolve(ConfigParser.parseCommandLine(args), sparkConf);
  }
}
