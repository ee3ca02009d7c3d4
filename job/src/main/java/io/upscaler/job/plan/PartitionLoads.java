package io.upscaler.job.plan;

import java.util.Arrays;
import org.apache.spark.util.AccumulatorV2;

/**
 * Estimated cost per work partition, summed over the tasks that dealt rows to them ({@link
 * PartitionDealer}): P numbers, whatever the row count. Read on the driver after the work for the
 * run's imbalance figure. A retried dealing task may add its share twice; the figure is an
 * estimate either way.
 */
public final class PartitionLoads extends AccumulatorV2<double[], double[]> {
  private static final long serialVersionUID = 1L;

  private double[] loads;

  public PartitionLoads(int partitions) {
    this.loads = new double[partitions];
  }

  @Override
  public boolean isZero() {
    return Arrays.stream(loads).allMatch(v -> v == 0);
  }

  @Override
  public AccumulatorV2<double[], double[]> copy() {
    PartitionLoads c = new PartitionLoads(loads.length);
    c.loads = loads.clone();
    return c;
  }

  @Override
  public void reset() {
    loads = new double[loads.length];
  }

  @Override
  public void add(double[] v) {
    for (int i = 0; i < loads.length; i++) {
      loads[i] += v[i];
    }
  }

  @Override
  public void merge(AccumulatorV2<double[], double[]> other) {
    add(other.value());
  }

  @Override
  public double[] value() {
    return loads;
  }

  /** Heaviest partition's load over the mean load (1.0 = even, or nothing dealt). */
  public double imbalance() {
    double total = Arrays.stream(loads).sum();
    double max = Arrays.stream(loads).max().orElse(0);
    return total == 0 ? 1.0 : max / (total / loads.length);
  }
}
