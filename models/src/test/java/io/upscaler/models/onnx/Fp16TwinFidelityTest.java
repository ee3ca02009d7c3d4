package io.upscaler.models.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnxruntime.OrtSession.SessionOptions.OptLevel;
import io.upscaler.models.ModelCard;
import io.upscaler.models.ModelRegistry;
import io.upscaler.models.NcnnGoldens;
import io.upscaler.models.OnnxSignatures;
import io.upscaler.models.Ort;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every bundled model has an fp16 twin, and the twin is faithful to its fp32 model on two real
 * photo crops (40x32 of chelsea, the Real-ESRGAN golden input; 128x96 of the astronaut photo in
 * examples/, with strong edges and saturated colours), measured two ways on the CPU (see
 * models/README.md, "fp16 twins"):
 *
 * <ul>
 *   <li><b>twin on the CPU</b>: the twin itself in ONNX Runtime's CPU provider, which has no
 *       float16 kernels for these operators and computes in float32 between casts: this measures
 *       float16 weights, input and output, not float16 activations;
 *   <li><b>fp16 storage</b>: {@link Fp16Emulation}, the fp32 graph with float16 weights and every
 *       tensor rounded to float16 after each operator, as a GPU running the twin stores them.
 * </ul>
 *
 * Differences are on the model's value range scaled to 0..1, and in 8-bit output levels.
 */
class Fp16TwinFidelityTest {
  /** Largest difference from fp32 on the 0..1 scale, either way: 2.5 8-bit levels. */
  static final double MAX = 1e-2;
  /** Mean difference from fp32: 0.05 of an 8-bit level. */
  static final double MEAN = 2e-4;
  /** Share of 8-bit output samples that may change. */
  static final double CHANGED = 0.06;
  /** The photo crops, as 1x3xHxW tensors of RGB / 255. */
  static final List<Ort.Tensor> INPUTS = List.of(NcnnGoldens.input(),
      NcnnGoldens.rgb(NcnnGoldens.png(Fp16TwinFidelityTest.class, "/fp16/astronaut-crop-128x96.png")));

  static List<ModelCard> fp32Bundled() {
    return ModelRegistry.bundled().all().stream()
        .filter(c -> c.precision().equals(ModelCard.FP32)).toList();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("fp32Bundled")
  void twinIsWithinBoundOfFp32(ModelCard card) throws Exception {
    ModelRegistry registry = ModelRegistry.bundled();
    ModelCard twin = registry.fp16Twin(card).orElseThrow(() -> new AssertionError(
        card.id() + " has no fp16 twin"));
    assertEquals(ModelCard.fp16TwinId(card.id()), twin.id());
    byte[] fp32 = registry.modelBytes(card);
    byte[] half = registry.modelBytes(twin);
    byte[] storage = Fp16Emulation.of(OnnxSignatures.parse(fp32)).toByteArray();
    for (Ort.Tensor unit : INPUTS) {
      Ort.Tensor input = scaled(unit, card);
      float[] reference = Ort.run(fp32, input).values();
      Diff onCpu = Diff.of(Ort.run(half, input).values(), reference, card);
      Diff fp16Storage =
          Diff.of(Ort.run(storage, input, OptLevel.NO_OPT).values(), reference, card);

      System.out.printf(Locale.ROOT, "fp16 %-24s %dx%d twin on CPU: %s | fp16 storage: %s%n",
          card.id(), input.shape()[3], input.shape()[2], onCpu, fp16Storage);
      for (Diff d : List.of(onCpu, fp16Storage)) {
        assertTrue(d.max() <= MAX && d.mean() <= MEAN && d.levelsChanged() <= CHANGED
            && d.maxLevels() <= 2, card.id() + ": " + d);
      }
      // The emulation really rounds activations: it is not the twin's CPU result again.
      assertTrue(fp16Storage.mean() != onCpu.mean(), card.id() + ": storage rounding had no effect");
    }
  }

  private static Ort.Tensor scaled(Ort.Tensor unit, ModelCard card) {
    float[] v = unit.values().clone();
    for (int i = 0; i < v.length; i++) {
      v[i] = (float) (card.valueMin() + v[i] * (card.valueMax() - card.valueMin()));
    }
    return new Ort.Tensor(v, unit.shape());
  }

  /**
   * Differences on the 0..1 scale, and how many samples land on another 8-bit level.
   *
   * @param max largest absolute difference
   * @param mean mean absolute difference
   * @param levelsChanged share of samples whose 8-bit value differs
   * @param maxLevels largest 8-bit difference
   */
  record Diff(double max, double mean, double levelsChanged, int maxLevels) {
    static Diff of(float[] actual, float[] expected, ModelCard card) {
      assertEquals(expected.length, actual.length);
      double range = card.valueMax() - card.valueMin();
      double max = 0;
      double sum = 0;
      long changed = 0;
      int maxLevels = 0;
      for (int i = 0; i < actual.length; i++) {
        double a = (actual[i] - card.valueMin()) / range;
        double e = (expected[i] - card.valueMin()) / range;
        double d = Math.abs(a - e);
        max = Math.max(max, d);
        sum += d;
        int levels = Math.abs(level(a) - level(e));
        changed += levels == 0 ? 0 : 1;
        maxLevels = Math.max(maxLevels, levels);
      }
      return new Diff(max, sum / actual.length, (double) changed / actual.length, maxLevels);
    }

    private static int level(double v) {
      return (int) Math.round(Math.min(1, Math.max(0, v)) * 255);
    }

    @Override
    public String toString() {
      return String.format(Locale.ROOT, "max %.2e mean %.2e, %.2f%% of 8-bit samples change (max %d)",
          max, mean, 100 * levelsChanged, maxLevels);
    }
  }
}
