package io.upscaler.job.report;

/**
 * The run's prices, resolved once on the driver from {@code --price-per-hour}, {@code --instance}
 * and the price table, before anything runs (an unknown instance stops the run, exit code 2).
 *
 * @param rate what executors price rows with
 * @param instance the chosen instance's row, or null
 * @param pricePerHour the {@code --price-per-hour} given, or null
 * @param slots how tasks share devices in this application
 */
public record Pricing(CostRate rate, InstancePrice instance, Double pricePerHour, Slots slots) {
  /** Sustained FP32 TFLOP/s of one CPU core for the estimate without --instance (BENCHMARKS.md). */
  public static final double CPU_CORE_TFLOPS = 0.067;

  /**
   * Resolves prices: {@code pricePerHour} wins over the instance's price; with neither, rows get
   * no cost.
   *
   * @param priceTable the table file, or null for the default
   * @throws IllegalArgumentException for an instance the table doesn't have, or a bad table
   */
  public static Pricing resolve(Double pricePerHour, String instanceType, String priceTable, Slots slots) {
    InstancePrice instance = instanceType == null ? null : InstancePrices.load(priceTable).get(instanceType);
    return of(pricePerHour, instance, slots);
  }

  /**
   * The same prices for tasks sharing devices as {@code now} says: on a cluster, executors
   * register while the run plans, so the work is priced with the slots seen just before it.
   */
  public Pricing withSlots(Slots now) {
    return of(pricePerHour, instance, now);
  }

  private static Pricing of(Double pricePerHour, InstancePrice instance, Slots slots) {
    int share = slots.tasksPerDevice();
    String device = slots.gpuPriced()
        ? "one GPU shared by " + share + " task(s)"
        : "one executor (" + slots.executorCores() + " cores) shared by " + share + " task(s)";
    CostRate rate = CostRate.NONE;
    if (pricePerHour != null) {
      rate = new CostRate(pricePerHour, share,
          "$" + plain(pricePerHour) + " per hour (--price-per-hour) for " + device);
    } else if (instance != null) {
      double price = slots.gpuPriced() ? instance.usdPerGpuHour() : instance.usdPerHour();
      String what = slots.gpuPriced() && instance.gpus() > 1
          ? instance.instance() + " $" + plain(instance.usdPerHour()) + "/h over " + instance.gpus() + " GPUs"
          : instance.instance() + " on demand";
      rate = new CostRate(price, share, "$" + plain(price) + " per hour (" + what + ") for " + device);
    }
    return new Pricing(rate, instance, pricePerHour, slots);
  }

  /**
   * The dry run's estimate for {@code teraFlops} of model work on {@code rows} images: on one of
   * the chosen instance with its table rate, else on this application's CPU executors.
   *
   * @param fp16 whether GPUs would run the models' fp16 twins (precision auto or fp16)
   */
  public CostEstimate estimate(double teraFlops, long rows, boolean fp16) {
    if (instance != null) {
      String devices = instance.gpus() > 0
          ? instance.gpus() + " x " + instance.gpu() + " GPU" : instance.vcpus() + " vCPUs";
      double price = pricePerHour != null ? pricePerHour : instance.usdPerGpuHour();
      boolean half = fp16 && instance.gpus() > 0;
      return new CostEstimate(teraFlops, rows, instance.deviceTflops(fp16), instance.devices(),
          "one " + instance.instance() + " (" + devices + (half ? ", fp16 twins" : "") + ")", price);
    }
    if (slots.gpuPriced()) {
      return new CostEstimate(teraFlops, rows, 0, 1, "GPUs of unknown speed (give --instance)", null);
    }
    return new CostEstimate(teraFlops, rows, slots.executorCores() * CPU_CORE_TFLOPS,
        slots.executors(), slots.executors() + " executor(s) of " + slots.executorCores()
            + " CPU cores at " + CPU_CORE_TFLOPS + " TFLOP/s each (no --instance)",
        pricePerHour);
  }

  static String plain(double d) {
    return java.math.BigDecimal.valueOf(d).stripTrailingZeros().toPlainString();
  }
}
