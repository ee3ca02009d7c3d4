package io.upscaler.job.report;

import java.io.Serializable;

/**
 * What a statistics row's device time costs; sent to executors. The priced device is one GPU when
 * Spark gives tasks GPUs, else one executor (assumed to be one whole instance), and
 * {@code tasksPerDevice} tasks share it. A row's device time is the time its task spent on it
 * (model calls and waiting on the pipeline, see {@code device_ms}), so
 *
 * <pre>cost_usd = device_ms / 3,600,000 × usdPerDeviceHour / tasksPerDevice</pre>
 *
 * and the cost of a run is what its devices cost while its tasks ran. Start-up, idle executors and
 * the driver are not in it.
 *
 * @param usdPerDeviceHour price of one device, USD per hour; null when no price was given
 * @param tasksPerDevice task slots sharing one priced device (at least 1)
 * @param basis how the price was found, for the summary and the report
 */
public record CostRate(Double usdPerDeviceHour, int tasksPerDevice, String basis)
    implements Serializable {

  public static final CostRate NONE =
      new CostRate(null, 1, "no price (give --price-per-hour or --instance)");

  public CostRate {
    if (tasksPerDevice < 1) {
      throw new IllegalArgumentException("tasksPerDevice must be at least 1, not " + tasksPerDevice);
    }
  }

  public boolean priced() {
    return usdPerDeviceHour != null;
  }

  /** The cost of {@code deviceMs} milliseconds of one task's time; null without a price. */
  public Double costUsd(long deviceMs) {
    return priced() ? deviceMs / 3_600_000.0 * usdPerDeviceHour / tasksPerDevice : null;
  }
}
