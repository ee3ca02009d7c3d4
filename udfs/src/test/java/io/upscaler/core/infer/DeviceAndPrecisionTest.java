package io.upscaler.core.infer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import io.upscaler.core.ErrorClass;
import io.upscaler.core.ModelStore;
import io.upscaler.core.UpscaleException;
import io.upscaler.models.ModelCard;
import io.upscaler.models.ModelRegistry;
import java.nio.FloatBuffer;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/**
 * Which device and which precision a session gets: TensorRT fails and falls back exactly like
 * CUDA under the device policies (here, without TensorRT libraries), and the fp16 twin is chosen
 * on GPUs only unless the precision setting says otherwise.
 */
class DeviceAndPrecisionTest {
  private static final ModelRegistry REGISTRY = ModelRegistry.bundled();
  private static final ModelStore STORE = ModelStore.of(REGISTRY);
  private static final ModelCard SLIM = REGISTRY.resolve("esrgan-slim-x2");
  private static final GpuOptions TENSORRT =
      GpuOptions.defaults().withProvider(GpuOptions.Provider.TENSORRT);

  @Test
  void withoutTensorRtLibrariesTensorrtFailsUnderGpuAndFallsBackRecordedUnderAuto()
      throws Exception {
    assumeFalse(SessionCacheTest.gpuDeclared(), "this machine has a GPU");
    try (SessionCache cache = new SessionCache(4)) {
      UpscaleException e = unavailable(cache, OptionalInt.of(0), TENSORRT);
      assertTrue(e.getMessage().contains("TensorRT on CUDA device 0"), e.getMessage());
      assertTrue(e.getMessage().contains("esrgan-slim-x2-fp16"), "the twin was chosen: "
          + e.getMessage());

      DeviceRequest auto =
          new DeviceRequest(DevicePolicy.AUTO, OptionalInt.of(0), 1, Precision.AUTO, TENSORRT);
      try (SessionCache.Lease lease = cache.acquire(SLIM, STORE, auto, 0)) {
        assertEquals(Device.cpu(), lease.session().device());
        assertTrue(lease.session().fallbackReason().contains("TensorRT on CUDA device 0"),
            lease.session().fallbackReason());
        assertEquals(SLIM, lease.session().card(), "fp32 on the CPU after the fallback");
      }
      assertEquals(1, cache.loads());
    }
  }

  @Test
  void anUnusableEngineCacheFolderIsAnUnavailableDeviceNamingTheSetting() throws Exception {
    java.nio.file.Path file = java.nio.file.Files.createTempFile("not-a-folder", ".txt");
    GpuOptions d = GpuOptions.defaults();
    GpuOptions badCache = new GpuOptions(GpuOptions.Provider.TENSORRT, d.convAlgoSearch(), 0,
        d.arenaExtend(), true, true, true, false, file.resolve("cache").toString(), 1L << 30, 0,
        -1, 1);
    try (SessionCache cache = new SessionCache(2)) {
      UpscaleException e = unavailable(cache, OptionalInt.of(0), badCache);
      assertTrue(e.getMessage().contains("tensorrt-cache"), e.getMessage());
    }
  }

  @Test
  void tensorrtWithoutAnAssignedGpuNamesTheSettings() {
    try (SessionCache cache = new SessionCache(2)) {
      UpscaleException e = unavailable(cache, OptionalInt.empty(), TENSORRT);
      assertTrue(e.getMessage().startsWith("device=tensorrt but no GPU"), e.getMessage());
    }
  }

  @Test
  void theCpuRunsFp32UnderAutoAndTheTwinWhenFp16IsAsked() throws Exception {
    try (SessionCache cache = new SessionCache(4);
        SessionCache.Lease auto = cache.acquire(SLIM, STORE, cpu(Precision.AUTO), 0);
        SessionCache.Lease half = cache.acquire(SLIM, STORE, cpu(Precision.FP16), 0)) {
      assertEquals(SLIM, auto.session().card());
      assertEquals("esrgan-slim-x2-fp16", half.session().card().id());
      float[] in = new float[3 * 8 * 8];
      java.util.Arrays.fill(in, 128f);
      float[] a = auto.session().run(FloatBuffer.wrap(in), new long[] {1, 3, 8, 8});
      float[] h = half.session().run(FloatBuffer.wrap(in), new long[] {1, 3, 8, 8});
      assertEquals(3 * 16 * 16, h.length);
      double max = 0;
      for (int i = 0; i < a.length; i++) {
        max = Math.max(max, Math.abs(a[i] - h[i]));
      }
      assertTrue(max > 0 && max < 1.0, "fp16 twin within one level of fp32 on 0..255: " + max);
    }
  }

  @Test
  void fp16IsRefusedForAModelWithoutATwinAndFp32KeepsTheModel() throws Exception {
    ModelStore noTwins = REGISTRY::modelBytes;
    try (SessionCache cache = new SessionCache(4)) {
      UpscaleException e = assertThrows(UpscaleException.class,
          () -> cache.acquire(SLIM, noTwins, cpu(Precision.FP16), 0));
      assertEquals(ErrorClass.MODEL_ERROR, e.errorClass());
      assertTrue(e.getMessage().contains("has no fp16 twin"), e.getMessage());
      try (SessionCache.Lease lease = cache.acquire(SLIM, STORE, cpu(Precision.FP32), 0)) {
        assertEquals(SLIM, lease.session().card());
        assertNull(lease.session().fallbackReason());
      }
    }
  }

  @Test
  void aGpuPicksTheTwinUnlessFp32IsAsked() throws Exception {
    assertEquals("esrgan-slim-x2-fp16", Precision.AUTO.choose(SLIM, STORE, true).id());
    assertEquals(SLIM, Precision.FP32.choose(SLIM, STORE, true));
    assertEquals(SLIM, Precision.AUTO.choose(SLIM, REGISTRY::modelBytes, true),
        "no twin: fp32 on the GPU");
  }

  /** The failure of a required GPU session (policy gpu) for esrgan-slim-x2: DEVICE_UNAVAILABLE. */
  private static UpscaleException unavailable(SessionCache cache, OptionalInt gpu, GpuOptions o) {
    DeviceRequest required = new DeviceRequest(DevicePolicy.GPU, gpu, 1, Precision.AUTO, o);
    UpscaleException e =
        assertThrows(UpscaleException.class, () -> cache.acquire(SLIM, STORE, required, 0));
    assertEquals(ErrorClass.DEVICE_UNAVAILABLE, e.errorClass());
    return e;
  }

  private static DeviceRequest cpu(Precision p) {
    return new DeviceRequest(DevicePolicy.CPU, OptionalInt.empty(), 1, p, GpuOptions.defaults());
  }
}
