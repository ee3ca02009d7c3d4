package io.upscaler.job.exec;

import java.util.OptionalInt;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.SparkConf;
import org.apache.spark.SparkEnv;
import org.apache.spark.TaskContext;
import io.upscaler.udf.SparkTask;
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

  /** Spark's id of this task attempt, unique in the application (0 outside a task). */
  public static long taskAttemptId() {
    TaskContext ctx = TaskContext.get();
    return ctx == null ? 0 : ctx.taskAttemptId();
  }

  public static int partitionId() {
    TaskContext ctx = TaskContext.get();
    return ctx == null ? 0 : ctx.partitionId();
  }

  /** spark.task.cpus of this task (1 outside a task). */
  public static int cpus() {
    return SparkTask.cpus();
  }

  /** The CUDA ordinal Spark assigned to this task; see {@link SparkTask#assignedGpu()}. */
  public static OptionalInt assignedGpu() {
    return SparkTask.assignedGpu();
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
}
