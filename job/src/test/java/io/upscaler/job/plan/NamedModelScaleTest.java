package io.upscaler.job.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.upscaler.core.TargetSize;
import io.upscaler.job.config.JobConfig;
import io.upscaler.job.exec.HadoopFiles;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;

/**
 * A named model fixes the scale when neither the run nor the row gives a size; a family name, no
 * model, or an unknown name keeps the default 4; any size the run or the row gives wins.
 */
class NamedModelScaleTest {
  private static final TargetSize X2 = new TargetSize.Factor(2);
  private static final TargetSize X3 = new TargetSize.Factor(3);
  private static final TargetSize X4 = new TargetSize.Factor(4);
  private static final RowOverrides NONE = new RowOverrides(null, null, null, null, null, null, null, null);

  @Test
  void aRunModelNamedByIdFixesItsNativeScale() throws Exception {
    assertEquals(X2, planner("esrgan-slim-x2").target(NONE));
    assertEquals(X2, planner("esrgan-medium-x2").target(NONE));
    assertEquals(X3, planner("ESRGAN-MEDIUM-X3").target(NONE), "ids are case-insensitive");
    assertEquals(new TargetSize.Factor(8), planner("esrgan-slim-x8").target(NONE));
  }

  @Test
  void aFamilyNameNoModelOrAnUnknownNameKeepsTheDefault() throws Exception {
    assertEquals(X4, planner("esrgan-slim").target(NONE));
    assertEquals(X4, planner(null).target(NONE));
    assertEquals(X4, planner("no-such-model").target(NONE));
  }

  @Test
  void aRowModelWithoutSizeColumnsFixesTheRowsScale() throws Exception {
    RequestPlanner p = planner("esrgan-slim-x2");
    assertEquals(X3, p.target(row(null, "esrgan-slim-x3")));
    assertEquals(X4, p.target(row(null, "esrgan-medium")), "a row's family name: the default");
    assertEquals(X2, p.target(row(null, null)), "no row model: the run's model");
    assertEquals(X4, p.target(new RowOverrides(null, null, null, null, null, null, null, "classic")),
        "model_type classic is a family: the default");
  }

  @Test
  void aSizeFromTheRunOrTheRowWins() throws Exception {
    assertEquals(X3, planner("esrgan-slim-x2", "scale", "3").target(row(null, "esrgan-slim-x4")));
    assertEquals(new TargetSize.Width(50),
        planner("esrgan-slim-x2", "width", "50").target(NONE));
    assertEquals(new TargetSize.Factor(1.5), planner("esrgan-slim-x2").target(row(1.5, "esrgan-slim-x4")));
  }

  @Test
  void theFingerprintFollowsTheFixedScale() throws Exception {
    RequestPlanner p = planner("esrgan-slim-x2");
    assertEquals(p.fingerprint(row(2.0, null)), p.fingerprint(NONE));
    RequestPlanner q = planner(null);
    assertEquals(q.fingerprint(row(null, "esrgan-slim-x3")), q.fingerprint(row(3.0, "esrgan-slim-x3")));
  }

  @Test
  void theFingerprintFollowsThePrecisionThatRuns() throws Exception {
    String cpuAuto = planner("esrgan-slim-x2", "device", "cpu").fingerprint(NONE);
    assertEquals(cpuAuto, planner("esrgan-slim-x2", "device", "cpu", "precision", "fp32").fingerprint(NONE),
        "auto on the CPU runs the fp32 weights");
    String gpuAuto = planner("esrgan-slim-x2", "device", "gpu").fingerprint(NONE);
    assertEquals(gpuAuto, planner("esrgan-slim-x2", "device", "gpu", "precision", "fp16").fingerprint(NONE),
        "auto on a GPU runs the fp16 twin");
    assertNotEquals(cpuAuto, gpuAuto);
    assertNotEquals(gpuAuto, planner("esrgan-slim-x2", "device", "tensorrt").fingerprint(NONE),
        "TensorRT's fp16 is not CUDA's");
    assertNotEquals(cpuAuto, planner("esrgan-slim-x2").fingerprint(NONE),
        "device=auto is decided on the executor");
  }

  private static RowOverrides row(Double scale, String model) {
    return new RowOverrides(scale, null, null, model, null, null, null, null);
  }

  private static RequestPlanner planner(String model, String... settings) {
    Map<String, String> values = new HashMap<>(Map.of("input", "in.csv", "output", "out"));
    if (model != null) {
      values.put("model", model);
    }
    for (int i = 0; i < settings.length; i += 2) {
      values.put(settings[i], settings[i + 1]);
    }
    JobConfig config = JobConfig.from(values);
    ModelResolver models = ModelResolver.create("target/no-imported-models",
        model == null ? List.of() : List.of(model), new HadoopFiles(new Configuration(), 0));
    return new RequestPlanner(config, models);
  }
}
