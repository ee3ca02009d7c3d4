package io.upscaler.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class TargetSizeTest {

  @Test
  void factorsRoundEachAxis() {
    assertEquals(new TargetSize.Dimensions(15, 5), new TargetSize.Factor(1.5).resolve(10, 3));
    assertEquals(new TargetSize.Dimensions(6, 6), new TargetSize.Factor(6).resolve(1, 1));
  }

  @Test
  void widthOrHeightKeepTheAspectRatio() {
    assertEquals(new TargetSize.Dimensions(1000, 667), new TargetSize.Width(1000).resolve(300, 200));
    assertEquals(new TargetSize.Dimensions(150, 100), new TargetSize.Height(100).resolve(300, 200));
  }

  @Test
  void bothNeedAFitMode() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> TargetSize.of(null, 100, 100, null));
    assertEquals(true, e.getMessage().contains("fit"));
    assertEquals(
        new TargetSize.Dimensions(100, 50),
        TargetSize.of(null, 100, 100, Fit.CONTAIN).resolve(40, 20));
    assertEquals(
        new TargetSize.Dimensions(100, 100),
        TargetSize.of(null, 100, 100, Fit.STRETCH).resolve(40, 20));
  }

  @Test
  void scalesBelowOneAreRefused() {
    assertThrows(IllegalArgumentException.class, () -> new TargetSize.Factor(0.5));
    assertThrows(IllegalArgumentException.class, () -> new TargetSize.Factor(Double.NaN));
    assertThrows(IllegalArgumentException.class, () -> new TargetSize.Width(0));
  }
}
