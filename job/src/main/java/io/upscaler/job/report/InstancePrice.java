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
 * @param deviceTflops estimated sustained FP32 TFLOP/s of one priced device (one GPU, or the whole
 *     instance when it has none); only the dry run's estimate uses it
 */
public record InstancePrice(
    String instance, double usdPerHour, int vcpus, int gpus, String gpu, double deviceTflops)
    implements Serializable {

  /** Price of one GPU, USD per hour (the whole instance's for CPU-only types). */
  public double usdPerGpuHour() {
    return gpus > 0 ? usdPerHour / gpus : usdPerHour;
  }

  /** The devices a dry run spreads work over on one instance: its GPUs, else 1 (the instance). */
  public int devices() {
    return Math.max(1, gpus);
  }
}
