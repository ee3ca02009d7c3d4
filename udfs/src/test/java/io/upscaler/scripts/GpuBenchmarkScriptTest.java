package io.upscaler.scripts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * benchmarks/gpu.sh --dry-run runs the whole GPU benchmark harness on the CPU (reader threads,
 * batched model passes, writer threads, the table), for both precisions and both batch sizes.
 */
class GpuBenchmarkScriptTest {
  @Test
  void dryRunPrintsOneMeasuredRowPerPrecisionAndBatch() throws Exception {
    Scripts.Result r = Scripts.run("benchmarks/gpu.sh",
        Map.of("UPSCALER_BENCH_CP", System.getProperty("java.class.path")), 300, "--dry-run");

    assertEquals(0, r.exitCode(), r.out() + r.err());
    assertTrue(r.out().startsWith("machine: "), r.out());
    assertTrue(r.out().contains("DRY RUN"), r.out());
    List<String[]> rows = Arrays.stream(r.out().split("\n"))
        .filter(l -> l.startsWith("| esrgan-slim-x2")).map(l -> l.split("\\|")).toList();
    assertEquals(4, rows.size(), r.out());
    List<String> configs = rows.stream().map(c -> c[1].trim() + " " + c[3].trim()).toList();
    assertEquals(List.of("esrgan-slim-x2 1", "esrgan-slim-x2 4", "esrgan-slim-x2-fp16 1",
        "esrgan-slim-x2-fp16 4"), configs);
    for (String[] c : rows) {
      assertEquals("cpu", c[2].trim());
      assertEquals("4", c[4].trim(), "images");
      assertEquals(4 * 96 * 64 / 1e6, Double.parseDouble(c[5].trim()), 0.005, "output MP");
      assertTrue(Double.parseDouble(c[7].trim()) > 0, "out MP/s");
    }
  }
}
