package io.upscaler.job.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PricingTest {
  private static final double EXACT = 1e-12;
  /** local[2]: one executor of 2 cores, one core per task. */
  private static final Slots LOCAL_2 = new Slots(0, 2, 1, 1);
  /** A GPU executor whose tasks take half a GPU each. */
  private static final Slots HALF_GPU = new Slots(0.5, 8, 2, 3);

  @TempDir Path dir;

  @Test
  void theBundledTableHasEveryFamilyTheIssueNames() {
    InstancePrices table = InstancePrices.load(null);
    for (String type : new String[] {"g4dn.xlarge", "g5.xlarge", "g6.xlarge", "p3.2xlarge", "p4d.24xlarge", "c6i.2xlarge"}) {
      InstancePrice p = table.get(type);
      assertTrue(p.usdPerHour() > 0, type);
    }
    InstancePrice g4 = table.get("G4DN.XLARGE");
    assertEquals(0.526, g4.usdPerHour(), EXACT);
    assertEquals(1, g4.gpus());
    assertEquals(8, table.get("p4d.24xlarge").gpus());
    assertEquals(32.7726 / 8, table.get("p4d.24xlarge").usdPerGpuHour(), EXACT);
  }

  @Test
  void anUnknownInstanceNamesTheTableAndTheWayOut() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Pricing.resolve(null, "x9.huge", null, LOCAL_2));
    assertTrue(e.getMessage().contains("x9.huge"), e.getMessage());
    assertTrue(e.getMessage().contains("price-per-hour"), e.getMessage());
    assertTrue(e.getMessage().contains("g4dn.xlarge"), e.getMessage());
  }

  @Test
  void aUserTableOverridesTheBundledOne() throws Exception {
    Path file = dir.resolve("prices.csv");
    Files.writeString(file, "# mine\n" + InstancePrices.HEADER + "\nmy.box,2.5,16,2,X1,9,20\n");
    Pricing p = Pricing.resolve(null, "my.box", file.toString(), HALF_GPU);
    assertEquals(1.25, p.rate().usdPerDeviceHour(), EXACT);
    assertThrows(IllegalArgumentException.class, () -> Pricing.resolve(null, "g4dn.xlarge", file.toString(), LOCAL_2));
  }

  @Test
  void aBrokenTableNamesTheLine() throws Exception {
    Path file = dir.resolve("prices.csv");
    Files.writeString(file, InstancePrices.HEADER + "\ng4dn.xlarge,cheap,4,1,T4,4,19\n");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> InstancePrices.load(file.toString()));
    assertTrue(e.getMessage().contains("line 2"), e.getMessage());
  }

  @Test
  void costIsTheDeviceTimeAtThePriceSharedByTheTasksOnTheDevice() {
    // One hour of a $0.526 executor shared by two task slots: each slot-hour costs half.
    Pricing p = Pricing.resolve(null, "g4dn.xlarge", null, LOCAL_2);
    assertEquals(2, p.rate().tasksPerDevice());
    assertEquals(0.526, p.rate().usdPerDeviceHour(), EXACT);
    assertEquals(0.263, p.rate().costUsd(3_600_000), EXACT);
    assertEquals(1234 / 3_600_000.0 * 0.526 / 2, p.rate().costUsd(1234), EXACT);
    assertEquals(0.0, p.rate().costUsd(0), EXACT);
  }

  @Test
  void withGpusThePricedDeviceIsOneGpuSharedByTheTasksOnIt() {
    // g4dn.12xlarge: $3.912 for 4 GPUs; tasks take 0.5 GPU, so two share each GPU.
    Pricing p = Pricing.resolve(null, "g4dn.12xlarge", null, HALF_GPU);
    assertEquals(2, p.rate().tasksPerDevice());
    assertEquals(0.978, p.rate().usdPerDeviceHour(), EXACT);
    assertEquals(0.978 / 2 * 0.5, p.rate().costUsd(1_800_000), EXACT);
  }

  @Test
  void aPricePerHourWinsOverTheInstancePrice() {
    Pricing p = Pricing.resolve(0.2, "g4dn.xlarge", null, new Slots(0, 4, 1, 2));
    assertEquals(0.2, p.rate().usdPerDeviceHour(), EXACT);
    assertEquals(4, p.rate().tasksPerDevice());
    assertEquals(0.05, p.rate().costUsd(3_600_000), EXACT);
  }

  @Test
  void theWorkIsPricedWithTheSlotsSeenWhenItStarts() {
    // Planned before the executors registered (1 slot), run on executors of 4 cores.
    Pricing early = Pricing.resolve(null, "c6i.4xlarge", null, new Slots(0, 1, 1, 1));
    Pricing now = early.withSlots(new Slots(0, 4, 1, 3));
    assertEquals(1, early.rate().tasksPerDevice());
    assertEquals(4, now.rate().tasksPerDevice());
    assertEquals(0.68, now.rate().usdPerDeviceHour(), EXACT);
    assertEquals(0.17, now.rate().costUsd(3_600_000), EXACT);
  }

  @Test
  void withoutAPriceRowsHaveNoCost() {
    Pricing p = Pricing.resolve(null, null, null, LOCAL_2);
    assertFalse(p.rate().priced());
    assertNull(p.rate().costUsd(5000));
  }

  @Test
  void slotsCountTheTasksSharingADevice() {
    assertEquals(1, new Slots(1.0, 4, 1, 1).tasksPerDevice());
    assertEquals(3, new Slots(1.0 / 3, 4, 1, 1).tasksPerDevice());
    assertEquals(4, new Slots(0, 8, 2, 1).tasksPerDevice());
    assertEquals(1, new Slots(0, 1, 4, 1).tasksPerDevice());
  }

  @Test
  void theDryRunEstimateIsModelFlopsOverTheDeviceRate() {
    // 195 TFLOP on one g4dn.xlarge: the T4 runs fp16 twins at 19.5 TFLOP/s -> 10 s, $0.526 per hour.
    CostEstimate e = Pricing.resolve(null, "g4dn.xlarge", null, LOCAL_2).estimate(195, 1000, true);
    assertEquals(10.0, e.deviceSeconds(), 1e-12);
    assertEquals(10.0, e.wallSeconds(), 1e-12);
    assertEquals(10.0 / 3600 * 0.526, e.usd(), EXACT);
    assertTrue(e.describe().startsWith("ESTIMATE"), e.describe());
    assertTrue(e.describe().contains("g4dn.xlarge (1 x T4 GPU, fp16 twins)"), e.describe());
    // fp32 asked for: 4.1 TFLOP/s.
    assertEquals(41.0 / 4.1, Pricing.resolve(null, "g4dn.xlarge", null, LOCAL_2).estimate(41, 1, false)
        .deviceSeconds(), 1e-12);
    // p4d.24xlarge: 8 A100s work at once; the cost is per GPU-second, whatever the count.
    CostEstimate p4 = Pricing.resolve(null, "p4d.24xlarge", null, LOCAL_2).estimate(936, 10, true);
    assertEquals(10.0, p4.deviceSeconds(), 1e-12);
    assertEquals(1.25, p4.wallSeconds(), 1e-12);
    assertEquals(10.0 / 3600 * 32.7726 / 8, p4.usd(), 1e-15);
    // CPU types have one rate: fp16 twins compute in fp32 there.
    assertEquals(10.0, Pricing.resolve(null, "c6i.xlarge", null, LOCAL_2).estimate(1.2, 1, true)
        .deviceSeconds(), 1e-12);
  }

  @Test
  void withoutAnInstanceTheEstimateUsesThisApplicationsCpuCores() {
    CostEstimate e = Pricing.resolve(0.1, null, null, LOCAL_2).estimate(1.34, 10, true);
    assertEquals(10.0, e.deviceSeconds(), 1e-9); // 2 cores x 0.067 TFLOP/s
    assertEquals(10.0 / 3600 * 0.1, e.usd(), 1e-12);
    assertNull(Pricing.resolve(null, null, null, LOCAL_2).estimate(1, 1, true).usd());
  }
}
