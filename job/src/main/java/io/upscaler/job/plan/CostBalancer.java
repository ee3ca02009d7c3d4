package io.upscaler.job.plan;

import java.util.Arrays;
import java.util.Comparator;
import java.util.PriorityQueue;

/**
 * Assigns items to partitions by estimated cost, largest first, each to the least-loaded
 * partition (LPT scheduling). The heaviest partition then carries at most the mean plus one item,
 * so with many items per partition it stays near the mean; a single item larger than the mean
 * can't be split and sets the bound itself.
 */
public final class CostBalancer {
  private CostBalancer() {}

  /** The partition of each item; {@code costs[i]} is item i's cost. */
  public static int[] assign(double[] costs, int partitions) {
    if (partitions < 1) {
      throw new IllegalArgumentException("partitions must be >= 1: " + partitions);
    }
    Integer[] order = new Integer[costs.length];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    Arrays.sort(order, Comparator.comparingDouble((Integer i) -> costs[i]).reversed());
    double[] load = new double[partitions];
    PriorityQueue<Integer> lightest =
        new PriorityQueue<>(Comparator.comparingDouble((Integer p) -> load[p]).thenComparingInt(p -> p));
    for (int p = 0; p < partitions; p++) {
      lightest.add(p);
    }
    int[] assignment = new int[costs.length];
    for (int i : order) {
      int p = lightest.poll();
      assignment[i] = p;
      load[p] += costs[i];
      lightest.add(p);
    }
    return assignment;
  }

  /** Heaviest partition load divided by the mean load (1.0 = perfectly even). */
  public static double imbalance(double[] costs, int[] assignment, int partitions) {
    double[] load = new double[partitions];
    double total = 0;
    for (int i = 0; i < costs.length; i++) {
      load[assignment[i]] += costs[i];
      total += costs[i];
    }
    double max = Arrays.stream(load).max().orElse(0);
    return total == 0 ? 1.0 : max / (total / partitions);
  }
}
