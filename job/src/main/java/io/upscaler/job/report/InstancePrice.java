package io.upscaler.job.report;

import java.io.Serializable;

/**
 * One row of the instance price table ({@code conf/instance-prices.csv}).
 *
 * @param instance the instance type, e.g. {@code g4dn.xlarge}
 * @param usdPerHour on-demand price of the whole instance, USD per hour
 * @param vcpus virtual CPUs of the instance
 * @param gpus GPUs of the instance (0 for CPU-only types)
 * @param gpu the GPU model, or empty
 * @param tflopsFp32 estimated sustained TFLOP/s of one priced device (one GPU, or the whole
 *     instance when it has none) on a model's fp32 graph; only the dry run's estimate uses it
 * @param tflopsFp16 the same for the model's fp16 twin (what GPUs run by default)
 */
public record InstancePrice(
    String instance, double usdPerHour, int vcpus, int gpus, String gpu, double tflopsFp32,
    double tflopsFp16)
    implements Serializable {

  /** Price of one GPU, USD per hour (the whole instance's for CPU-only types). */
  public double usdPerGpuHour() {
    return gpus > 0 ? usdPerHour / gpus : usdPerHour;
  }

  /** The estimated rate of one device: fp16 twins run on GPUs unless fp32 is asked for. */
  public double deviceTflops(boolean fp16) {
    return fp16 && gpus > 0 ? tflopsFp16 : tflopsFp32;
  }

  /** The devices a dry run spreads work over on one instance: its GPUs, else 1 (the instance). */
  public int devices() {
    return Math.max(1, gpus);
  }
}
