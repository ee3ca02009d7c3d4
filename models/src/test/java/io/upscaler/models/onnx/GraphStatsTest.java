package io.upscaler.models.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnx.proto.OnnxMl.ModelProto;
import io.upscaler.models.ModelCard;
import io.upscaler.models.ModelRegistry;
import io.upscaler.models.OnnxSignatures;
import io.upscaler.models.Ort;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** FLOPs, parameters and receptive field counted from the graph agree with hand counts. */
class GraphStatsTest {

  /**
   * esrgan-slim at scale s, layer by layer (per input pixel; k x k conv from a to b channels is
   * k*k*a*b multiply-accumulates per pixel it outputs):
   * F_m1 3x3 3->64, F_0 3x3 64->64, F_1_1 3x3 64->4, LFF_1 1x1 68->64, F_2_1 3x3 64->4,
   * LFF_2 1x1 68->64, GFF_1 1x1 128->64, GFF_2 3x3 64->64, UPN1 5x5 64->64, UPN2 3x3 64->32,
   * UPN3 3x3 32->3s^2, nearest upsampling by s, then SR 3x3 3s^2->3 on s^2 output pixels per
   * input pixel. ReLU after F_1_1, F_2_1, UPN1, UPN2; sums LRL_1, LRL_2, FDF over 64 channels.
   */
  @ParameterizedTest(name = "esrgan-slim-x{0}")
  @ValueSource(ints = {2, 3, 4, 8})
  void slimMatchesAHandCount(int s) {
    long c = 3L * s * s;
    long macsLowRes = 9 * 3 * 64 + 9 * 64 * 64 + 9 * 64 * 4 + 68 * 64 + 9 * 64 * 4 + 68 * 64
        + 128 * 64 + 9 * 64 * 64 + 25 * 64 * 64 + 9 * 64 * 32 + 9 * 32 * c;
    long biasesLowRes = 64 * 7 + 4 + 4 + 32 + c;
    long relus = 4 + 4 + 64 + 32;
    long sums = 3 * 64;
    long macsSr = 9 * c * 3;
    long biasesSr = 3;
    double flops = 2 * macsLowRes + biasesLowRes + relus + sums
        + (double) s * s * (2 * macsSr + biasesSr);
    long parameters = macsLowRes + biasesLowRes + macsSr + biasesSr;
    // Longest path at input resolution: 3x3 convs F_m1, F_0, F_1_1, F_2_1, GFF_2, UPN2, UPN3
    // (1 pixel each) and 5x5 UPN1 (2) = 9; SR's 1 output pixel reaches 1 more input pixel.
    int radius = 10;

    GraphStats stats = GraphStats.of(bundled("esrgan-slim-x" + s));

    assertEquals(parameters, stats.parameters());
    assertEquals(flops, stats.flopsPerInputPixel(), 1e-6);
    assertEquals(radius, stats.receptiveFieldRadius());
    assertEquals(s, stats.scale());
  }

  @Test
  void bundledCardsCarryTheCountsOfTheirGraphs() {
    for (ModelCard card : ModelRegistry.bundled().all()) {
      GraphStats stats = GraphStats.of(bundled(card.id()));
      assertEquals(stats.parameters(), card.parameters(), card.id());
      assertEquals(stats.flopsPerInputPixel(), card.flopsPerInputPixel(), 1e-6, card.id());
      assertEquals(stats.receptiveFieldRadius(), card.receptiveFieldRadius(), card.id());
      assertEquals(card.flopsPerInputPixel() / (card.nativeScale() * card.nativeScale()),
          card.flopsPerOutputPixel(), 1e-9);
    }
  }

  /**
   * A linear graph with dilated, even-sized and high-resolution convolutions, nearest upsampling
   * and depth-to-space: the counted radius equals the reach measured by perturbing one input pixel
   * in ONNX Runtime, and the FLOPs equal a hand count.
   */
  @Test
  void radiusEqualsTheMeasuredReachOfAPerturbation() throws Exception {
    GraphBuilder g = new GraphBuilder();
    Random random = new Random(11);
    String x = g.input("input", 3);
    x = conv(g, "dilated", x, 3, 4, 3, 3, 2, random);   // reach 2 each side
    x = conv(g, "even", x, 4, 4, 2, 2, 1, random);      // reach 0 before, 1 after
    x = g.upsampleNearest("up", x, 3, 3);
    x = conv(g, "hires", x, 4, 4, 3, 3, 1, random);     // at x3
    x = conv(g, "toblocks", x, 4, 12, 3, 1, 1, random); // 3x1 kernel, at x3
    x = g.depthToSpace("d2s", x, 2);                    // to x6, 3 channels
    g.output(x, "output");
    ModelProto model = g.build("probe", "", Map.of());

    GraphStats stats = GraphStats.of(model);

    assertEquals(6, stats.scale());
    assertTrue(stats.receptiveFieldRadius() >= 4, "dilated + even + two high-res convs reach far");
    assertEquals(measuredRadius(model.toByteArray(), 6), stats.receptiveFieldRadius());
    double flops = 2.0 * 9 * 3 * 4 + 4 + 2.0 * 4 * 4 * 4 + 4
        + 9 * (2.0 * 9 * 4 * 4 + 4 + 2.0 * 3 * 4 * 12 + 12);
    assertEquals(flops, stats.flopsPerInputPixel(), 1e-9);
    assertEquals(9 * 3 * 4 + 4 + 4 * 4 * 4 + 4 + 9 * 4 * 4 + 4 + 3 * 4 * 12 + 12,
        stats.parameters());
  }

  /**
   * realesr-general-x4v3 (SRVGGNetCompact): a 3x3 conv 3->64, 32 3x3 convs 64->64 and a 3x3 conv
   * 64->48, each with a bias, a per-channel PReLU after all but the last, depth-to-space to 3
   * channels at x4, plus the input upsampled by nearest x4 (a copy) and added at x4.
   */
  @Test
  void realesrGeneralX4v3MatchesAHandCount() {
    long macs = 9 * 3 * 64 + 32 * 9 * 64 * 64 + 9 * 64 * 48;
    long biases = 33 * 64 + 48;
    long slopes = 33 * 64;
    long sumAtX4 = 16 * 3;

    GraphStats stats = GraphStats.of(bundled("realesr-general-x4v3"));

    assertEquals(macs + biases + slopes, stats.parameters());
    assertEquals(2.0 * macs + biases + slopes + sumAtX4, stats.flopsPerInputPixel(), 1e-6);
    assertEquals(34, stats.receptiveFieldRadius()); // 34 3x3 convs at x1
    assertEquals(4, stats.scale());
  }

  /**
   * realesr-animevideov3 has 18 3x3 convs at x1; x2 and x3 end with a bicubic downscale of the x4
   * result, whose 4 taps reach one x1 pixel further back (x2: output y reads x4 samples 2y - 1 ..
   * 2y + 2, which lie in x1 pixels y - 1 .. y).
   */
  @Test
  void animeVideoV3RadiusGrowsByTheBicubicDownscale() {
    assertEquals(18, GraphStats.of(bundled("realesr-animevideov3-x4")).receptiveFieldRadius());
    assertEquals(19, GraphStats.of(bundled("realesr-animevideov3-x2")).receptiveFieldRadius());
    assertEquals(19, GraphStats.of(bundled("realesr-animevideov3-x3")).receptiveFieldRadius());
    GraphStats x2 = GraphStats.of(bundled("realesr-animevideov3-x2"));
    GraphStats x4 = GraphStats.of(bundled("realesr-animevideov3-x4"));
    assertEquals(x4.parameters(), x2.parameters());
    // The same x4 network, plus 32 FLOPs per bicubic output element: 3 channels x 4 pixels.
    assertEquals(x4.flopsPerInputPixel() + 3 * 4 * 32, x2.flopsPerInputPixel(), 1e-6);
  }

  /**
   * Bicubic and bilinear resizes up and down, nearest by 4 and convolutions between them: the
   * counted radius equals the reach measured by perturbing one input pixel in ONNX Runtime.
   */
  @Test
  void radiusThroughInterpolatingResizesEqualsTheMeasuredReach() throws Exception {
    GraphBuilder g = new GraphBuilder();
    Random random = new Random(12);
    String x = g.input("input", 3);
    x = conv(g, "c1", x, 3, 4, 3, 3, 1, random);
    x = g.resize("cubic_up", x, new ResizeSpec(ResizeSpec.Mode.CUBIC, 2, 2, false));
    x = conv(g, "c2", x, 4, 4, 3, 3, 1, random);
    x = g.resize("linear_down", x, new ResizeSpec(ResizeSpec.Mode.LINEAR, 0.5f, 0.5f, false));
    x = g.upsampleNearest("nearest_up", x, 4, 4);
    x = g.resize("cubic_down", x, new ResizeSpec(ResizeSpec.Mode.CUBIC, 0.75f, 0.75f, false));
    x = conv(g, "c3", x, 4, 3, 1, 1, 1, random);
    g.output(x, "output");
    ModelProto model = g.build("probe", "", Map.of());

    GraphStats stats = GraphStats.of(model);

    assertEquals(3, stats.scale());
    assertTrue(stats.receptiveFieldRadius() >= 3, "" + stats.receptiveFieldRadius());
    assertEquals(measuredRadius(model.toByteArray(), 3), stats.receptiveFieldRadius());
    // 3x3 conv at x1, cubic to 4 channels at x2 (4 elements), conv at x2, linear to x1, cubic at x3.
    double flops = 2.0 * 9 * 3 * 4 + 4 + 4 * 4 * 32 + 4 * (2.0 * 9 * 4 * 4 + 4) + 4 * 8
        + 9 * 4 * 32 + 9 * (2.0 * 4 * 3 + 3);
    assertEquals(flops, stats.flopsPerInputPixel(), 1e-9);
  }

  @Test
  void alignedCornersNeverReachFurtherThanCounted() throws Exception {
    GraphBuilder g = new GraphBuilder();
    String x = conv(g, "c", g.input("input", 3), 3, 3, 3, 3, 1, new Random(13));
    x = g.resize("up", x, new ResizeSpec(ResizeSpec.Mode.CUBIC, 4, 4, true));
    g.output(x, "output");
    ModelProto model = g.build("probe", "", Map.of());

    int counted = GraphStats.of(model).receptiveFieldRadius();

    assertTrue(counted >= measuredRadius(model.toByteArray(), 4), "counted " + counted);
    assertTrue(counted <= 4, "counted " + counted);
  }

  @Test
  void anOpWithoutARuleIsNamed() {
    GraphBuilder g = new GraphBuilder();
    String x = g.unary("Gelu", "mystery", g.input("input", 3));
    g.output(x, "output");
    ModelProto model = g.build("m", "", Map.of());

    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> GraphStats.of(model));

    assertTrue(e.getMessage().contains("node 'mystery' (Gelu)"), e.getMessage());
  }

  private static String conv(GraphBuilder g, String name, String x, int in, int out, int kh,
      int kw, int dilation, Random random) {
    ConvSpec spec = new ConvSpec(out, in, kh, kw, 1, 1, dilation, dilation, 1,
        ConvSpec.Padding.SAME_UPPER);
    float[] w = new float[(int) spec.weightCount()];
    for (int i = 0; i < w.length; i++) {
      w[i] = (float) random.nextGaussian();
    }
    float[] b = new float[out];
    for (int i = 0; i < out; i++) {
      b[i] = (float) random.nextGaussian();
    }
    return g.conv(name, x, spec, w, b);
  }

  /** Largest distance from an output pixel's source pixel to a perturbed input pixel it sees. */
  private static int measuredRadius(byte[] onnx, int scale) throws Exception {
    int size = 31;
    int p = 15;
    float[] zeros = new float[3 * size * size];
    float[] poked = zeros.clone();
    for (int c = 0; c < 3; c++) {
      poked[(c * size + p) * size + p] = 1f;
    }
    long[] shape = {1, 3, size, size};
    float[] base = Ort.run(onnx, new Ort.Tensor(zeros, shape)).values();
    float[] moved = Ort.run(onnx, new Ort.Tensor(poked, shape)).values();
    int out = size * scale;
    int widest = 0;
    for (int i = 0; i < base.length; i++) {
      if (Math.abs(base[i] - moved[i]) > 1e-4) {
        int y = (i / out) % out;
        int x = i % out;
        widest = Math.max(widest, Math.max(Math.abs(y / scale - p), Math.abs(x / scale - p)));
      }
    }
    return widest;
  }

  private static ModelProto bundled(String id) {
    ModelRegistry registry = ModelRegistry.bundled();
    return OnnxSignatures.parse(registry.modelBytes(registry.resolve(id)));
  }

  @Test
  void ratiosReduce() {
    assertEquals(List.of(3L, 2L), List.of(new Ratio(6, 4).num(), new Ratio(6, 4).den()));
  }
}
