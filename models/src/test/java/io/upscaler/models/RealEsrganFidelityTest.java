package io.upscaler.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every bundled Real-ESRGAN model computes what its ncnn graph computes: within 1e-3 (0..1) of the
 * exact float64 evaluation, and close to what the original fp16 Vulkan runtime produced (that
 * runtime is itself 1-2 levels off and leaves rare artifacts, so only loosely).
 */
class RealEsrganFidelityTest {
  /** Mean distance to the runtime's output; a wrong pixel-shuffle order gives more than 4. */
  private static final double RUNTIME_MEAN_LEVELS = 3;
  private static final int RUNTIME_P99_LEVELS = 16;

  static List<NcnnGoldens.Case> bundledCases() {
    return NcnnGoldens.cases().stream()
        .filter(c -> ModelRegistry.bundled().all().stream().anyMatch(m -> m.id().equals(c.model())))
        .toList();
  }

  @Test
  void everyBundledRealEsrganModelHasAGolden() {
    List<String> ncnn = ModelCatalog.standard().models().stream()
        .filter(e -> e.bundled() && e.format().equals("ncnn")).map(CatalogEntry::id).toList();

    assertEquals(ncnn, bundledCases().stream().map(NcnnGoldens.Case::model).toList());
    assertEquals(4, ncnn.size());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("bundledCases")
  void reproducesTheExactNcnnOutput(NcnnGoldens.Case c) throws Exception {
    ModelRegistry registry = ModelRegistry.bundled();
    ModelCard card = registry.resolve(c.model());
    Ort.Tensor input = NcnnGoldens.input();

    Ort.Tensor actual = Ort.run(registry.modelBytes(card), input);

    assertEquals(List.of(1L, 3L, input.shape()[2] * card.nativeScale(),
        input.shape()[3] * card.nativeScale()), List.of(actual.shape()[0], actual.shape()[1],
        actual.shape()[2], actual.shape()[3]));
    Goldens.Diff exact = Goldens.Diff.of(actual.values(), NcnnGoldens.exact(c));
    System.out.printf(Locale.ROOT, "fidelity %-24s exact: max %.3e mean %.3e (0..1)%n", c.model(),
        exact.max(), exact.mean());
    assertTrue(exact.max() <= NcnnGoldens.EXACT_TOLERANCE, c + ": max abs difference "
        + exact.max() + " (mean " + exact.mean() + ") exceeds " + NcnnGoldens.EXACT_TOLERANCE);
    NcnnGoldens.vsRuntime(c, actual).ifPresent(r -> {
      System.out.printf(Locale.ROOT, "fidelity %-24s runtime: mean %.2f p99 %d max %d levels%n",
          c.model(), r.mean(), r.p99(), r.max());
      assertTrue(r.mean() <= RUNTIME_MEAN_LEVELS && r.p99() <= RUNTIME_P99_LEVELS, c + ": " + r);
    });
  }
}
