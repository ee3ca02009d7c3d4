package io.upscaler.job;

import static io.upscaler.job.JobHarness.run;
import static io.upscaler.job.JobHarness.stats;
import static io.upscaler.job.JobHarness.writeImage;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * --precision reaches the executors' sessions: the statistics name the fp16 twin where it ran.
 * (On a GPU, auto picks the twin; here, without one, auto and fp32 run fp32 and fp16 forces it.)
 */
class PrecisionTest {
  @TempDir
  Path dir;

  @Test
  void theStatisticsNameTheModelThatRan() throws Exception {
    writeImage(dir.resolve("in/a.png"), 12, 8, "png");

    assertEquals(List.of("esrgan-slim-x2-fp16"), models("fp16"));
    assertEquals(List.of("esrgan-slim-x2"), models("auto"));
  }

  private List<String> models(String precision) {
    Path out = dir.resolve(precision);
    assertEquals(0, run("--input", dir.resolve("in").toString(), "--output", out.toString(),
        "--model", "esrgan-slim-x2", "--precision", precision).exitCode());
    return stats(out).collectAsList().stream().map(r -> (String) r.getAs("model")).toList();
  }
}
