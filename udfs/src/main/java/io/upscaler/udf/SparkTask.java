package io.upscaler.udf;

import java.util.OptionalInt;
import org.apache.spark.TaskContext;
import org.apache.spark.resource.ResourceInformation;

/**
 * What the running Spark task was given: its CPUs and its GPU. The GPU comes from the task's
 * resources ({@code spark.task.resource.gpu.amount}), never from a guess.
 */
public final class SparkTask {
  private SparkTask() {}

  /** spark.task.cpus of the current task, 1 outside a task. */
  public static int cpus() {
    TaskContext ctx = TaskContext.get();
    return ctx == null ? 1 : Math.max(1, ctx.cpus());
  }

  /**
   * The CUDA ordinal of the task's "gpu" resource, or empty when it has none.
   *
   * @throws IllegalStateException when the task holds more than one GPU, or the address is not a
   *     CUDA ordinal; the message names the setting to change
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
          "this task holds " + gpu.addresses().length + " GPUs (" + String.join(",", gpu.addresses())
              + "); a session runs on one device: set spark.task.resource.gpu.amount to 1 or less");
    }
    try {
      return OptionalInt.of(Integer.parseInt(gpu.addresses()[0].trim()));
    } catch (NumberFormatException e) {
      throw new IllegalStateException(
          "GPU address '" + gpu.addresses()[0] + "' is not a CUDA ordinal; check"
              + " spark.executor.resource.gpu.discoveryScript");
    }
  }
}
