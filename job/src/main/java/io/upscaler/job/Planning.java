package io.upscaler.job;

import io.upscaler.job.config.JobConfig;
import io.upscaler.job.manifest.Manifest;
import io.upscaler.job.plan.DryRunEstimate;
import io.upscaler.job.plan.Estimate;
import io.upscaler.job.plan.ExactPartitioner;
import io.upscaler.job.plan.JournalIndex;
import io.upscaler.job.plan.PartitionDealer;
import io.upscaler.job.plan.PartitionLoads;
import io.upscaler.job.plan.RequestPlanner;
import io.upscaler.job.plan.RowPlanning;
import io.upscaler.job.plan.WorkItem;
import io.upscaler.job.plan.WorkItemReader;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.Optional;
import org.apache.spark.sql.SparkSession;
import scala.Tuple2;

/**
 * Driver-side planning steps, none of which reads an image or collects rows: manifest rows to work
 * items (with earlier runs' journals), the partition count, dealing rows to partitions by
 * estimated cost, and a dry run's estimate.
 */
final class Planning {
  /** Partitions per task slot by default: enough to balance, few enough to keep tasks long. */
  static final int PARTITIONS_PER_SLOT = 3;
  /**
   * Most rows a default partition holds: bounds a task's memory for its statistics rows and the
   * work a failed task repeats, whatever the manifest's size.
   */
  static final int MAX_ROWS_PER_PARTITION = 10_000;

  private Planning() {}

  /** Manifest rows as work items, joined with earlier runs' journals unless overwriting. */
  static JavaRDD<WorkItem> workItems(SparkSession spark, Manifest manifest, JobConfig config) {
    WorkItemReader reader = WorkItemReader.of(manifest);
    JavaRDD<WorkItem> items = manifest.rows().javaRDD().map(reader::read);
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

  /**
   * --partitions, else a multiple of the task slots, more when rows would exceed {@link
   * #MAX_ROWS_PER_PARTITION}; never more than rows, never fewer than 1.
   */
  static int partitionCount(JavaSparkContext jsc, JobConfig config, long rows) {
    long wanted = config.partitions() > 0
        ? config.partitions()
        : Math.max((long) PARTITIONS_PER_SLOT * Math.max(1, jsc.defaultParallelism()),
            (rows + MAX_ROWS_PER_PARTITION - 1) / MAX_ROWS_PER_PARTITION);
    return (int) Math.max(1, Math.min(wanted, rows));
  }

  /** Items placed in partitions, and their estimated loads (known once the work has run). */
  record Balanced(JavaRDD<WorkItem> items, int partitions, PartitionLoads loads) {}

  /**
   * Deals every item to a partition by estimated cost (see {@link PartitionDealer}); a run of one
   * partition is only gathered, without a shuffle.
   */
  static Balanced balance(
      JavaSparkContext jsc, JavaRDD<WorkItem> items, RequestPlanner planner, int partitions) {
    PartitionLoads loads = new PartitionLoads(partitions);
    if (partitions == 1) {
      return new Balanced(items.coalesce(1), 1, loads);
    }
    jsc.sc().register(loads, "upscaler estimated partition loads");
    JavaRDD<WorkItem> placed = items
        .mapPartitionsToPair(new PartitionDealer(planner, partitions, loads))
        .partitionBy(new ExactPartitioner(partitions))
        .values();
    return new Balanced(placed, partitions, loads);
  }

  /** A dry run's estimate: every header probed on executors, one small sum per partition. */
  static Estimate estimate(JavaRDD<WorkItem> items, RequestPlanner planner) {
    return items.mapPartitions(new DryRunEstimate(new RowPlanning(planner)))
        .fold(Estimate.ZERO, Estimate::plus);
  }
}
