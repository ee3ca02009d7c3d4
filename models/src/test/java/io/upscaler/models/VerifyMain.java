package io.upscaler.models;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * {@code models/import.sh --verify}: runs every model of a registry (bundled plus a folder of
 * imported models) that has goldens and prints the largest and mean absolute differences:
 * TensorFlow.js goldens (tolerance 1e-2 on the 0..255 scale, 1e-4 on the 0..1 scale) or the exact
 * ncnn outputs (1e-3 on the 0..1 scale; the fp16 runtime's PNG is compared for information).
 * Models without goldens are run on the photo input as a smoke check. Lives in test code because it needs ONNX
 * Runtime, which the models library must not depend on.
 *
 * <pre>VerifyMain IMPORTED_DIR [GOLDENS_DIR] [MODEL...]</pre>
 *
 * Exit status 0 when every checked model is within tolerance, 1 otherwise.
 */
public final class VerifyMain {
  private VerifyMain() {}

  public static void main(String[] args) throws Exception {
    if (args.length < 1) {
      System.err.println("usage: VerifyMain IMPORTED_DIR [GOLDENS_DIR|-] [MODEL...]");
      System.exit(2);
    }
    ModelRegistry registry = ModelRegistry.withDirectory(Path.of(args[0]));
    Goldens goldens = args.length > 1 && !args[1].equals("-")
        ? Goldens.fromFolder(Path.of(args[1])) : Goldens.fromClasspath();
    List<String> only = args.length > 2 ? List.of(args).subList(2, args.length) : List.of();
    boolean ok = true;
    for (ModelCard card : registry.all()) {
      if (only.isEmpty() || only.contains(card.id()) || only.contains(card.family())) {
        ok &= verify(registry, card, goldens);
      }
    }
    System.out.println(ok ? "verify: all within tolerance" : "verify: FAILED");
    System.exit(ok ? 0 : 1);
  }

  private static boolean verify(ModelRegistry registry, ModelCard card, Goldens goldens)
      throws Exception {
    byte[] onnx = registry.modelBytes(card);
    List<Goldens.Case> cases = goldens.cases().stream().filter(c -> c.model().equals(card.id()))
        .toList();
    if (cases.isEmpty()) {
      return NcnnGoldens.caseOf(card.id()).isPresent()
          ? verifyNcnn(card, onnx, NcnnGoldens.caseOf(card.id()).get())
          : smoke(card, onnx, goldens);
    }
    boolean ok = true;
    for (Goldens.Case c : cases) {
      double tolerance = c.valueMax() > 1 ? 1e-2 : 1e-4;
      long start = System.nanoTime();
      Ort.Tensor actual = Ort.run(onnx, goldens.input(c));
      Goldens.Diff diff = Goldens.Diff.of(actual.values(), goldens.output(c).values());
      boolean pass = diff.max() <= tolerance;
      System.out.printf(Locale.ROOT, "%-24s %-13s max |diff| %.3e  mean %.3e  (scale 0..%s, "
          + "tolerance %.0e, %.1f s)  %s%n", card.id(), c.input(), diff.max(), diff.mean(),
          c.valueMax() > 1 ? "255" : "1", tolerance, (System.nanoTime() - start) / 1e9,
          pass ? "ok" : "FAIL");
      ok &= pass;
    }
    return ok;
  }

  /** Against the exact ncnn output (1e-3 on 0..1) and, for information, the runtime's PNG. */
  private static boolean verifyNcnn(ModelCard card, byte[] onnx, NcnnGoldens.Case c)
      throws Exception {
    long start = System.nanoTime();
    Ort.Tensor actual = Ort.run(onnx, NcnnGoldens.input());
    Goldens.Diff diff = Goldens.Diff.of(actual.values(), NcnnGoldens.exact(c));
    boolean pass = diff.max() <= NcnnGoldens.EXACT_TOLERANCE;
    String runtime = NcnnGoldens.vsRuntime(c, actual).map(r -> String.format(Locale.ROOT,
        "vs runtime PNG: mean %.2f, p99 %d, max %d levels", r.mean(), r.p99(), r.max()))
        .orElse("no runtime PNG");
    System.out.printf(Locale.ROOT, "%-24s ncnn golden   max |diff| %.3e  mean %.3e  (scale 0..1, "
        + "tolerance %.0e, %.1f s)  %s; %s%n", card.id(), diff.max(), diff.mean(),
        NcnnGoldens.EXACT_TOLERANCE, (System.nanoTime() - start) / 1e9, pass ? "ok" : "FAIL",
        runtime);
    return pass;
  }

  /** No golden: the model must still run on the photo crop and give finite values of the right shape. */
  private static boolean smoke(ModelCard card, byte[] onnx, Goldens goldens) throws Exception {
    Goldens.Case photo = goldens.cases().stream().filter(c -> c.input().equals("photo.in.f32"))
        .findFirst().orElseThrow();
    Goldens.Case asThis = new Goldens.Case(card.id(), card.valueMax(), photo.input(),
        photo.output(), photo.inputNhwc(), photo.outputNhwc());
    Ort.Tensor out = Ort.run(onnx, goldens.input(asThis));
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
    for (float v : out.values()) {
      min = Math.min(min, v);
      max = Math.max(max, v);
    }
    long[] s = out.shape();
    boolean ok = Double.isFinite(min) && Double.isFinite(max)
        && s[2] == photo.inputNhwc()[1] * (long) card.nativeScale()
        && s[3] == photo.inputNhwc()[2] * (long) card.nativeScale();
    System.out.printf(Locale.ROOT, "%-24s no golden: ran the photo crop, output %dx%d values "
        + "%.3f..%.3f  %s%n", card.id(), s[3], s[2], min, max, ok ? "ok" : "FAIL");
    return ok;
  }
}
