package io.upscaler.job.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class GallerySamplerTest {
  private static int[] quotas(int partitions, int wanted) {
    int[] q = new int[partitions];
    for (int p = 0; p < partitions; p++) {
      q[p] = GallerySampler.quota(p, partitions, wanted);
    }
    return q;
  }

  private static int sum(int[] q) {
    return java.util.Arrays.stream(q).sum();
  }

  private static int sampling(int[] q) {
    return (int) java.util.Arrays.stream(q).filter(n -> n > 0).count();
  }

  @Test
  void fewerPairsThanPartitionsTakeOnePlusASpareFromEvenlySpreadPartitions() {
    int[] q = quotas(3000, 12);
    assertEquals(12, sampling(q));
    assertEquals(24, sum(q));
    assertEquals(2, q[0]);
    assertEquals(2, q[250]);
    assertEquals(2, q[2750]);
    assertEquals(0, q[2999]);
  }

  @Test
  void morePairsThanPartitionsAreSharedOutWithOneSpareEach() {
    int[] q = quotas(5, 12);
    assertEquals(5, sampling(q));
    assertEquals(12 + 5, sum(q));
    assertEquals(4, q[0]);
    assertEquals(4, q[1]);
    assertEquals(3, q[2]);
  }

  @Test
  void everyPartitionCountWithinBounds() {
    for (int partitions = 1; partitions <= 64; partitions++) {
      for (int wanted = 0; wanted <= 40; wanted++) {
        int[] q = quotas(partitions, wanted);
        assertEquals(Math.min(partitions, wanted), sampling(q), partitions + "/" + wanted);
        assertEquals(wanted == 0 ? 0 : wanted + Math.min(partitions, wanted), sum(q), partitions + "/" + wanted);
      }
    }
  }

  @Test
  void noGalleryNoSamples() {
    assertEquals(0, sum(quotas(10, 0)));
  }
}
