package io.upscaler.job.exec;

import io.upscaler.job.plan.RequestPlanner;
import io.upscaler.job.plan.WorkItem;
import io.upscaler.job.report.RunMeters;
import java.util.Collections;
import java.util.Iterator;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.sql.Row;

/**
 * The executor work of the job, in {@code mapPartitions}: every row of a partition in, one
 * statistics row per row out. Holds only the serializable {@link RequestPlanner} and the run's
 * {@link RunMeters} (accumulators: counts, cost, gallery samples); sessions come from the executor
 * JVM's shared cache, so partitions never build their own.
 */
public final class UpscalePartition implements FlatMapFunction<Iterator<WorkItem>, Row> {
  private static final long serialVersionUID = 1L;

  private final RequestPlanner planner;
  private final RunMeters meters;

  public UpscalePartition(RequestPlanner planner, RunMeters meters) {
    this.planner = planner;
    this.meters = meters;
  }

  @Override
  public Iterator<Row> call(Iterator<WorkItem> items) throws Exception {
    if (!items.hasNext()) {
      return Collections.emptyIterator();
    }
    PartitionPipeline pipeline = PartitionPipeline.open(planner, meters);
    TaskContext task = TaskContext.get();
    if (task != null) {
      // Also stop the threads when the task is killed or fails outside run().
      task.addTaskCompletionListener(
          (org.apache.spark.util.TaskCompletionListener) ctx -> pipeline.close());
    }
    try (pipeline) {
      return pipeline.run(items).iterator();
    }
  }
}
