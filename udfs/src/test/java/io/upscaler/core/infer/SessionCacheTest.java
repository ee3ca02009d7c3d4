package io.upscaler.core.infer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.upscaler.core.ErrorClass;
import io.upscaler.core.TinyModels;
import io.upscaler.core.UpscaleException;
import io.upscaler.models.ModelCard;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class SessionCacheTest {
  private static final TinyModels.Model A = TinyModels.srNet(2, 11, 1.0);
  private static final TinyModels.Model B = TinyModels.srNet(2, 12, 1.0);

  /** A machine with a GPU declares it (UPSCALER_TEST_GPU=<ordinal>); the CUDA tests need one. */
  static boolean gpuDeclared() {
    return System.getenv("UPSCALER_TEST_GPU") != null || Files.exists(Path.of("/dev/nvidia0"));
  }

  @Test
  void concurrentTasksShareOneSessionBuiltOnce() throws Exception {
    AtomicInteger reads = new AtomicInteger();
    try (SessionCache cache = new SessionCache(2)) {
      ExecutorService pool = Executors.newFixedThreadPool(8);
      CountDownLatch start = new CountDownLatch(1);
      List<Future<ModelSession>> results = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        results.add(
            pool.submit(
                () -> {
                  start.await();
                  try (SessionCache.Lease lease =
                      cache.acquire(A.card(), () -> { reads.incrementAndGet(); return A.bytes(); },
                          DeviceRequest.cpu(1), 0)) {
                    lease.session().run(FloatBuffer.wrap(new float[12]), new long[] {1, 3, 2, 2});
                    return lease.session();
                  }
                }));
      }
      start.countDown();
      ModelSession first = results.get(0).get(60, TimeUnit.SECONDS);
      for (Future<ModelSession> f : results) {
        assertSame(first, f.get(60, TimeUnit.SECONDS));
      }
      pool.shutdown();
      assertEquals(1, cache.loads());
      assertEquals(1, reads.get());
    }
  }

  @Test
  void leastRecentlyUsedIdleSessionIsEvictedBeyondCapacity() throws Exception {
    try (SessionCache cache = new SessionCache(1)) {
      cache.acquire(A.card(), A::bytes, DeviceRequest.cpu(1), 0).close();
      cache.acquire(B.card(), B::bytes, DeviceRequest.cpu(1), 0).close();
      assertEquals(1, cache.size());
      cache.acquire(A.card(), A::bytes, DeviceRequest.cpu(1), 0).close();
      assertEquals(3, cache.loads(), "A was evicted, so it loads again");
    }
  }

  @Test
  void aLeasedSessionSurvivesEvictionUntilReleased() throws Exception {
    try (SessionCache cache = new SessionCache(1)) {
      SessionCache.Lease held = cache.acquire(A.card(), A::bytes, DeviceRequest.cpu(1), 0);
      cache.acquire(B.card(), B::bytes, DeviceRequest.cpu(1), 0).close();
      float[] out = held.session().run(FloatBuffer.wrap(new float[12]), new long[] {1, 3, 2, 2});
      assertEquals(48, out.length, "still usable while leased");
      held.close();
    }
  }

  @Test
  void distinctDeviceRequestsGetDistinctSessions() throws Exception {
    try (SessionCache cache = new SessionCache(4)) {
      cache.acquire(A.card(), A::bytes, DeviceRequest.cpu(1), 0).close();
      cache.acquire(A.card(), A::bytes, DeviceRequest.cpu(2), 0).close();
      assertEquals(2, cache.loads());
    }
  }

  @Test
  void aModelThatFailsToLoadFailsLaterRequestsWithoutReloading() throws Exception {
    AtomicInteger reads = new AtomicInteger();
    ModelCard card = TinyModels.srNet(2, 13, 1.0).card();
    try (SessionCache cache = new SessionCache(2)) {
      for (int i = 0; i < 3; i++) {
        UpscaleException e =
            assertThrows(
                UpscaleException.class,
                () -> cache.acquire(card, () -> { reads.incrementAndGet(); return new byte[] {1, 2, 3}; },
                    DeviceRequest.cpu(1), 0));
        assertEquals(ErrorClass.MODEL_ERROR, e.errorClass());
        assertTrue(e.getMessage().contains(card.id()), e.getMessage());
      }
      assertEquals(1, reads.get());
      assertEquals(0, cache.loads());
    }
  }

  @Test
  void aModelWhoseInputDoesNotMatchItsCardIsRefused() {
    ModelCard c = A.card();
    ModelCard wrong =
        new ModelCard(
            c.id(), c.family(), c.architecture(), c.nativeScale(), "pixels", c.outputName(),
            c.layout(), c.channelOrder(), c.valueMin(), c.valueMax(), c.precision(), c.parameters(),
            c.flopsPerInputPixel(), c.receptiveFieldRadius(), c.sha256(), c.file(),
            c.sourcePackage(), c.sourceVersion(), c.sourcePath(), c.license(), c.attribution(),
            c.aliases());
    try (SessionCache cache = new SessionCache(2)) {
      UpscaleException e =
          assertThrows(
              UpscaleException.class,
              () -> cache.acquire(wrong, A::bytes, DeviceRequest.cpu(1), 0));
      assertEquals(ErrorClass.MODEL_ERROR, e.errorClass());
      assertTrue(e.getMessage().contains("does not match its card"), e.getMessage());
      assertTrue(e.getMessage().contains("pixels"), e.getMessage());
    }
  }

  @Test
  void gpuPolicyWithoutAnAssignedGpuNamesTheSettings() {
    try (SessionCache cache = new SessionCache(2)) {
      DeviceRequest gpu = new DeviceRequest(DevicePolicy.GPU, OptionalInt.empty(), 1);
      UpscaleException e =
          assertThrows(UpscaleException.class, () -> cache.acquire(A.card(), A::bytes, gpu, 0));
      assertEquals(ErrorClass.DEVICE_UNAVAILABLE, e.errorClass());
      assertTrue(e.getMessage().contains("spark.task.resource.gpu.amount"), e.getMessage());
    }
  }

  @Test
  void autoWithoutAnAssignedGpuRunsOnTheCpuWithoutComplaint() throws Exception {
    try (SessionCache cache = new SessionCache(2);
        SessionCache.Lease lease =
            cache.acquire(A.card(), A::bytes, new DeviceRequest(DevicePolicy.AUTO, OptionalInt.empty(), 1), 0)) {
      assertEquals(Device.cpu(), lease.session().device());
      assertNull(lease.session().fallbackReason());
    }
  }

  @Test
  void withoutCudaGpuPolicyFailsNamingTheDeviceAndAutoFallsBackRecordingWhy() throws Exception {
    assumeFalse(gpuDeclared(), "this machine has a GPU");
    try (SessionCache cache = new SessionCache(4)) {
      DeviceRequest gpu = new DeviceRequest(DevicePolicy.GPU, OptionalInt.of(0), 1);
      UpscaleException e =
          assertThrows(UpscaleException.class, () -> cache.acquire(A.card(), A::bytes, gpu, 0));
      assertEquals(ErrorClass.DEVICE_UNAVAILABLE, e.errorClass());
      assertTrue(e.getMessage().contains("CUDA device 0"), e.getMessage());

      DeviceRequest auto = new DeviceRequest(DevicePolicy.AUTO, OptionalInt.of(0), 1);
      try (SessionCache.Lease lease = cache.acquire(A.card(), A::bytes, auto, 0)) {
        assertEquals(Device.cpu(), lease.session().device());
        assertNotNull(lease.session().fallbackReason());
        assertTrue(lease.session().fallbackReason().contains("CUDA device 0"));
      }
    }
  }

  @Test
  void onADeclaredGpuTheGpuPolicyRunsOnCuda() throws Exception {
    assumeTrue(gpuDeclared(), "no GPU declared (UPSCALER_TEST_GPU)");
    int ordinal = Integer.parseInt(System.getenv().getOrDefault("UPSCALER_TEST_GPU", "0"));
    try (SessionCache cache = new SessionCache(2);
        SessionCache.Lease lease =
            cache.acquire(A.card(), A::bytes, new DeviceRequest(DevicePolicy.GPU, OptionalInt.of(ordinal), 1), 0)) {
      assertEquals(Device.cuda(ordinal), lease.session().device());
    }
  }
}
