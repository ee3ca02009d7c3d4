package io.upscaler.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every bundled UpscalerJS model computes what TensorFlow.js computes for the original model:
 * within 1e-2 on the 0..255 scale, on a crop of a real photo and on noise.
 */
class BundledModelFidelityTest {
  private static final double TOLERANCE_0_255 = 1e-2;
  private static final Goldens GOLDENS = Goldens.fromClasspath();

  static List<Goldens.Case> bundledCases() {
    Set<String> bundled = ModelRegistry.bundled().all().stream().map(ModelCard::id)
        .collect(Collectors.toSet());
    return GOLDENS.cases().stream().filter(c -> bundled.contains(c.model())).toList();
  }

  @Test
  void everyBundledUpscalerJsModelHasAPhotoAndANoiseGolden() {
    for (ModelCard card : ModelRegistry.bundled().all()) {
      if (!ModelCatalog.standard().find(card.id()).orElseThrow().format().equals("tfjs-layers")) {
        continue; // the Real-ESRGAN models have their own goldens (RealEsrganFidelityTest)
      }
      List<String> inputs = bundledCases().stream().filter(c -> c.model().equals(card.id()))
          .map(Goldens.Case::input).sorted().toList();
      assertEquals(List.of("noise.in.f32", "photo.in.f32"), inputs, card.id());
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("bundledCases")
  void reproducesTheTensorFlowJsOutput(Goldens.Case c) throws Exception {
    ModelRegistry registry = ModelRegistry.bundled();
    ModelCard card = registry.resolve(c.model());
    Ort.Tensor expected = GOLDENS.output(c);

    Ort.Tensor actual = Ort.run(registry.modelBytes(card), GOLDENS.input(c));

    assertArrayEquals(expected.shape(), actual.shape(), "output shape");
    Goldens.Diff diff = Goldens.Diff.of(actual.values(), expected.values());
    System.out.printf(Locale.ROOT, "fidelity %-18s %-13s max %.3e mean %.3e (0..255)%n",
        c.model(), c.input(), diff.max(), diff.mean());
    assertTrue(diff.max() <= TOLERANCE_0_255, c + ": max abs difference " + diff.max()
        + " (mean " + diff.mean() + ") exceeds " + TOLERANCE_0_255);
  }
}
