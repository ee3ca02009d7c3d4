package io.upscaler.job.report;

/**
 * The dry run's estimate of wall time and cost: model compute (the cards' FLOPs of the planned
 * passes) at a device rate from the price table. An estimate, labelled so wherever it is shown:
 * Spark start-up, reading, encoding and writing are not in it, and the rates are not measured on
 * the user's devices.
 *
 * @param teraFlops planned model work, 10^12 FLOPs
 * @param images images the work is for
 * @param deviceTflops sustained TFLOP/s of one device (0 = unknown: no time or cost estimate)
 * @param devices devices working at once
 * @param on what the devices are, e.g. "one g4dn.xlarge (1 x T4 GPU)"
 * @param usdPerDeviceHour price of one device, or null
 */
public record CostEstimate(
    double teraFlops, long images, double deviceTflops, int devices, String on, Double usdPerDeviceHour) {

  /** Device time for the work, seconds (NaN when the rate is unknown). */
  public double deviceSeconds() {
    return deviceTflops > 0 ? teraFlops / deviceTflops : Double.NaN;
  }

  public double wallSeconds() {
    return deviceSeconds() / devices;
  }

  /** USD for the work, or null without a price or rate. */
  public Double usd() {
    return usdPerDeviceHour == null || deviceTflops <= 0 ? null : deviceSeconds() / 3600 * usdPerDeviceHour;
  }

  public String describe() {
    if (deviceTflops <= 0) {
      return String.format("ESTIMATE: %.3f TFLOP of model work on %s: no device rate, no estimate", teraFlops, on);
    }
    Double usd = usd();
    String cost = usd == null
        ? "cost: no price (give --price-per-hour or --instance)"
        : String.format("cost $%.4f%s", usd,
            images > 0 ? String.format(" ($%.2f per million images)", usd / images * 1e6) : "");
    return String.format(
        "ESTIMATE (model compute only, at %s TFLOP/s per device from the rate table; excludes start-up,"
            + " reading, encoding and writing): %.1f device-seconds; wall %s on %s; %s",
        Pricing.plain(deviceTflops), deviceSeconds(), Durations.format(wallSeconds()), on, cost);
  }
}
