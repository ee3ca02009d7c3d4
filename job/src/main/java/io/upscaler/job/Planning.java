package io.upscaler.job;

import io.upscaler.job.config.JobConfig;
import io.upscaler.job.manifest.Manifest;
import io.upscaler.job.plan.CostBalancer;
import io.upscaler.job.plan.ExactPartitioner;
import io.upscaler.job.plan.JournalIndex;
import io.upscaler.job.plan.PlannedItem;
import io.upscaler.job.plan.WorkItem;
import io.upscaler.job.plan.WorkItemReader;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.Optional;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import scala.Tuple2;

/** Driver-side planning steps: manifest rows to work items, partition count, cost balancing. */
final class Planning {
  private static final Logger LOG = LoggerFactory.getLogger(Planning.class);
  /** Partitions per task slot by default: enough to balance, few enough to keep tasks long. */
  static final int PARTITIONS_PER_SLOT = 3;

  private Planning() {}

  /** Manifest rows as work items, joined with earlier runs' journals unless overwriting. */
  static JavaRDD<WorkItem> workItems(SparkSession spark, Manifest manifest, JobConfig config) {
    WorkItemReader reader = WorkItemReader.of(manifest);
    JavaRDD<WorkItem> items = manifest.rows().javaRDD().zipWithIndex().map(t -> reader.read(t._1(), t._2()));
    if (config.overwrite()) {
      return items;
    }
    JavaPairRDD<String, Tuple2<String, String>> journal = JournalIndex.latest(spark, config.output());
    if (journal == null) {
      return items;
    }
    return items
        .keyBy(i -> i.id() == null ? "" : i.id())
        .leftOuterJoin(journal)
        .values()
        .map(Planning::withJournal);
  }

  private static WorkItem withJournal(Tuple2<WorkItem, Optional<Tuple2<String, String>>> t) {
    return t._2().isPresent() ? t._1().withJournal(t._2().get()._1(), t._2().get()._2()) : t._1();
  }

  /** --partitions, else a multiple of the task slots; never more than rows, never fewer than 1. */
  static int partitionCount(JavaSparkContext jsc, JobConfig config, long rows) {
    long wanted = config.partitions() > 0
        ? config.partitions()
        : (long) PARTITIONS_PER_SLOT * Math.max(1, jsc.defaultParallelism());
    return (int) Math.max(1, Math.min(wanted, rows));
  }

  /** Items placed in partitions, and how even the estimated costs came out. */
  record Balanced(JavaRDD<Tuple2<Integer, PlannedItem>> items, int partitions, double imbalance) {}

  /** Places every item in the partition the cost balancer chose for it. */
  static Balanced balance(
      JavaSparkContext jsc, JavaRDD<PlannedItem> planned, int partitions) {
    List<Costs> chunks = planned.mapPartitions(Planning::costs).collect();
    long n = chunks.stream().mapToLong(c -> c.index.length).sum();
    if (n > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException("a run holds at most " + (Integer.MAX_VALUE - 8) + " rows; split the manifest");
    }
    double[] cost = new double[(int) n];
    for (Costs c : chunks) {
      for (int i = 0; i < c.index.length; i++) {
        cost[(int) c.index[i]] = c.cost[i];
      }
    }
    int[] assignment = CostBalancer.assign(cost, partitions);
    double imbalance = CostBalancer.imbalance(cost, assignment, partitions);
    LOG.info("balanced {} rows over {} partitions; heaviest partition {}x the mean cost",
        n, partitions, String.format("%.3f", imbalance));
    Broadcast<int[]> where = jsc.broadcast(assignment);
    JavaRDD<Tuple2<Integer, PlannedItem>> placed = planned
        .mapToPair(p -> new Tuple2<>(where.value()[(int) p.item().index()], p))
        .partitionBy(new ExactPartitioner(partitions))
        .map(t -> t);
    return new Balanced(placed, partitions, imbalance);
  }

  /** Costs of one partition's items as two primitive arrays (compact to collect). */
  record Costs(long[] index, double[] cost) implements java.io.Serializable {}

  private static java.util.Iterator<Costs> costs(java.util.Iterator<PlannedItem> items) {
    List<Long> index = new ArrayList<>();
    List<Double> cost = new ArrayList<>();
    items.forEachRemaining(p -> {
      index.add(p.item().index());
      cost.add(p.cost());
    });
    long[] idx = index.stream().mapToLong(Long::longValue).toArray();
    double[] c = cost.stream().mapToDouble(Double::doubleValue).toArray();
    return List.of(new Costs(idx, c)).iterator();
  }
}
