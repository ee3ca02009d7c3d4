package io.upscaler.job.report;

import org.apache.spark.SparkConf;
import org.apache.spark.SparkContext;

/**
 * How this application's tasks share executors and GPUs, read on the driver: what decides how
 * many tasks share one priced device.
 *
 * @param taskGpuAmount {@code spark.task.resource.gpu.amount} (0 when tasks get no GPU)
 * @param executorCores cores of one executor ({@code spark.executor.cores}, else the application's
 *     cores over its executors; in local mode the local threads)
 * @param taskCpus {@code spark.task.cpus}
 * @param executors executors registered now (1 in local mode; at least 1)
 */
public record Slots(double taskGpuAmount, int executorCores, int taskCpus, int executors) {

  public static Slots of(SparkContext sc) {
    SparkConf c = sc.getConf();
    int executors = sc.isLocal() ? 1 : Math.max(1, sc.statusTracker().getExecutorInfos().length - 1);
    int cores = c.contains("spark.executor.cores")
        ? c.getInt("spark.executor.cores", 1)
        : Math.max(1, sc.defaultParallelism() / executors);
    return new Slots(c.getDouble("spark.task.resource.gpu.amount", 0), cores,
        c.getInt("spark.task.cpus", 1), executors);
  }

  /** Tasks get GPUs, so the priced device is one GPU. */
  public boolean gpuPriced() {
    return taskGpuAmount > 0;
  }

  /** Tasks sharing one priced device: 1 / GPU amount per task, else the executor's task slots. */
  public int tasksPerDevice() {
    if (gpuPriced()) {
      return Math.max(1, (int) Math.floor(1.0 / taskGpuAmount + 1e-9));
    }
    return Math.max(1, executorCores / Math.max(1, taskCpus));
  }
}
