package io.upscaler.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.upscaler.models.ModelCard;
import java.util.List;
import org.junit.jupiter.api.Test;

class ScalePlanTest {
  private static final List<ModelCard> FAMILY =
      List.of(card(2), card(3), card(4), card(8));

  @Test
  void nativeScalesRunOnce() {
    assertEquals("m-x2", ScalePlan.plan(FAMILY, 2).label());
    assertEquals("m-x3", ScalePlan.plan(FAMILY, 3).label());
    assertEquals("m-x8", ScalePlan.plan(FAMILY, 8).label());
  }

  @Test
  void theSmallestNativeScaleCoveringTheFactorRuns() {
    assertEquals("m-x2", ScalePlan.plan(FAMILY, 1.5).label());
    assertEquals("m-x8", ScalePlan.plan(FAMILY, 6).label());
    assertEquals("m-x4", ScalePlan.plan(FAMILY, 3.5).label());
  }

  @Test
  void aFactorJustAboveANativeScaleResamplesUpInsteadOfRunningTheNextModel() {
    assertEquals("m-x4", ScalePlan.plan(FAMILY, 4.1).label());
    assertEquals("m-x8", ScalePlan.plan(FAMILY, 4.3).label());
  }

  @Test
  void beyondTheLargestScaleTheLargestRepeats() {
    assertEquals("m-x8+m-x2", ScalePlan.plan(FAMILY, 16).label());
    List<ModelCard> only4 = List.of(card(4));
    assertEquals("m-x4", ScalePlan.plan(only4, 2).label());
    assertEquals("m-x4+m-x4", ScalePlan.plan(only4, 6).label());
    assertEquals(16, ScalePlan.plan(only4, 16).nativeFactor());
  }

  @Test
  void flopsAccountForTheGrowingImage() {
    ScalePlan plan = ScalePlan.plan(List.of(card(4)), 16);
    assertEquals(100 * 10.0 + 1600 * 10.0, plan.flops(100), 1e-9);
  }

  static ModelCard card(int scale) {
    return new ModelCard(
        "m-x" + scale, "m", "test", scale, "input", "output", "NCHW", "RGB", 0, 1, "fp32", 0, 10, 2,
        null, "m.onnx", "", "", "", "", "", List.of());
  }
}
