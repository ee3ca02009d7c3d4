package io.upscaler.job.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class CostBalancerTest {

  @Test
  void aCatalogueOfMixedSizesStaysWithinAQuarterOfTheMean() {
    Random r = new Random(7);
    double[] costs = new double[5000];
    for (int i = 0; i < costs.length; i++) {
      // Thumbnails to posters: a heavy-tailed spread of pixel counts.
      costs[i] = Math.pow(10, 4 + 3 * r.nextDouble()) * (r.nextInt(20) == 0 ? 20 : 1);
    }
    int[] a = CostBalancer.assign(costs, 48);
    assertTrue(CostBalancer.imbalance(costs, a, 48) <= 1.25, "" + CostBalancer.imbalance(costs, a, 48));
  }

  @Test
  void rowCountBalancingWouldNotDo() {
    double[] costs = new double[100];
    for (int i = 0; i < 100; i++) {
      costs[i] = i < 10 ? 1000 : 1;
    }
    int[] byRow = new int[100];
    for (int i = 0; i < 100; i++) {
      byRow[i] = i / 10;
    }
    assertTrue(CostBalancer.imbalance(costs, byRow, 10) > 5, "contiguous rows are skewed");
    assertTrue(CostBalancer.imbalance(costs, CostBalancer.assign(costs, 10), 10) < 1.01);
  }

  @Test
  void everyItemGetsAValidPartition() {
    double[] costs = {5, 0, 3, 3, 1};
    int[] a = CostBalancer.assign(costs, 3);
    assertEquals(5, a.length);
    for (int p : a) {
      assertTrue(p >= 0 && p < 3);
    }
  }
}
