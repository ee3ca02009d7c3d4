package io.upscaler.job.plan;

import org.apache.spark.Partitioner;

/** Sends a record keyed by an Integer partition number to exactly that partition. */
public final class ExactPartitioner extends Partitioner {
  private static final long serialVersionUID = 1L;
  private final int partitions;

  public ExactPartitioner(int partitions) {
    this.partitions = partitions;
  }

  @Override
  public int numPartitions() {
    return partitions;
  }

  @Override
  public int getPartition(Object key) {
    return (Integer) key;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ExactPartitioner p && p.partitions == partitions;
  }

  @Override
  public int hashCode() {
    return partitions;
  }
}
