package io.upscaler.core.infer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.upscaler.core.TinyModels;
import java.nio.FloatBuffer;
import org.junit.jupiter.api.Test;

/** CPU sessions that own a thread pool don't spin it; single-threaded ones have no pool to spin. */
class CpuSessionOptionsTest {
  private static final TinyModels.Model MODEL = TinyModels.srNet(2, 21, 1.0);

  @Test
  void multiThreadedCpuSessionsBlockInsteadOfSpinning() throws Exception {
    try (ModelSession s = SessionFactory.open(MODEL.card(), c -> MODEL.bytes(), DeviceRequest.cpu(2), 0)) {
      assertEquals("0", s.configEntries().get(SessionFactory.NO_SPINNING));
      assertEquals(48, s.run(FloatBuffer.wrap(new float[12]), new long[] {1, 3, 2, 2}).length);
    }
  }

  @Test
  void singleThreadedCpuSessionsKeepOrtDefaults() throws Exception {
    try (ModelSession s = SessionFactory.open(MODEL.card(), c -> MODEL.bytes(), DeviceRequest.cpu(1), 0)) {
      assertFalse(s.configEntries().containsKey(SessionFactory.NO_SPINNING));
    }
  }
}
