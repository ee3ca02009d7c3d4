package io.upscaler.job.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class DeviceTimeTest {
  @Test
  void aBatchsTimeIsSharedByPlannedCostAndAddsUpExactly() {
    assertArrayEquals(new long[] {250, 750}, DeviceTime.split(1000, new double[] {1, 3}));
    long[] parts = DeviceTime.split(1_000_000_007, new double[] {1, 1, 1});
    assertEquals(1_000_000_007, Arrays.stream(parts).sum());
    assertEquals(333_333_335, parts[0]);
    assertEquals(333_333_337, parts[2], "the rounding goes to the last");
  }

  @Test
  void rowsThatNeverReachedTheModelGetNoneUnlessNoRowDid() {
    assertArrayEquals(new long[] {0, 900, 0}, DeviceTime.split(900, new double[] {0, 5, 0}));
    assertArrayEquals(new long[] {300, 300, 300}, DeviceTime.split(900, new double[] {0, 0, 0}));
    assertArrayEquals(new long[] {77}, DeviceTime.split(77, new double[] {2}));
    assertArrayEquals(new long[0], DeviceTime.split(5, new double[0]));
  }
}
