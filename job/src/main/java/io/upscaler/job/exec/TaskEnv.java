package io.upscaler.job.exec;

import java.util.Map;
import java.util.OptionalInt;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.SparkConf;
import org.apache.spark.SparkEnv;
import org.apache.spark.TaskContext;
import org.apache.spark.resource.ResourceInformation;
import scala.Tuple2;

/** What an executor task knows about itself: executor id, attempt, CPUs, its GPU, Hadoop conf. */
public final class TaskEnv {
  private TaskEnv() {}

  public static String executorId() {
    SparkEnv env = SparkEnv.get();
    return env == null ? "driver" : env.executorId();
  }

  public static int attempt() {
    TaskContext ctx = TaskContext.get();
    return ctx == null ? 0 : ctx.attemptNumber();
  }

  public static int partitionId() {
    TaskContext ctx = TaskContext.get();
    return ctx == null ? 0 : ctx.partitionId();
  }

  /** spark.task.cpus of this task (1 outside a task). */
  public static int cpus() {
    TaskContext ctx = TaskContext.get();
    return ctx == null ? 1 : Math.max(1, ctx.cpus());
  }

  /**
   * The CUDA ordinal Spark assigned to this task, from its "gpu" resource, or empty when it has
   * none.
   *
   * @throws IllegalStateException when the task holds more than one GPU or a non-numeric address:
   *     the message names the setting to change
   */
  public static OptionalInt assignedGpu() {
    TaskContext ctx = TaskContext.get();
    if (ctx == null) {
      return OptionalInt.empty();
    }
    ResourceInformation gpu = ctx.resourcesJMap().get("gpu");
    if (gpu == null || gpu.addresses().length == 0) {
      return OptionalInt.empty();
    }
    if (gpu.addresses().length > 1) {
      throw new IllegalStateException(
          "this task holds " + gpu.addresses().length + " GPUs " + String.join(",", gpu.addresses())
              + "; one session runs on one device: set spark.task.resource.gpu.amount to 1 or less");
    }
    try {
      return OptionalInt.of(Integer.parseInt(gpu.addresses()[0].trim()));
    } catch (NumberFormatException e) {
      throw new IllegalStateException(
          "GPU address '" + gpu.addresses()[0] + "' is not a CUDA ordinal; check the GPU discovery"
              + " script (spark.executor.resource.gpu.discoveryScript)");
    }
  }

  /** A Hadoop configuration with this application's spark.hadoop.* settings applied. */
  public static Configuration hadoopConf() {
    SparkEnv env = SparkEnv.get();
    return env == null ? new Configuration() : hadoopConf(env.conf());
  }

  public static Configuration hadoopConf(SparkConf spark) {
    Configuration conf = new Configuration();
    for (Tuple2<String, String> kv : spark.getAll()) {
      if (kv._1().startsWith("spark.hadoop.")) {
        conf.set(kv._1().substring("spark.hadoop.".length()), kv._2());
      }
    }
    return conf;
  }

  /** For diagnostics: the resources of this task. */
  public static Map<String, ResourceInformation> resources() {
    TaskContext ctx = TaskContext.get();
    return ctx == null ? Map.of() : ctx.resourcesJMap();
  }
}
