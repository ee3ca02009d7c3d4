package io.upscaler.models.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** float -> binary16 conversion rounds to nearest even like IEEE 754 (and Java 20's Float.floatToFloat16). */
class Float16Test {
  @Test
  void everyHalfValueRoundTrips() {
    for (int bits = 0; bits < 0x10000; bits++) {
      float f = Float16.toFloat((short) bits);
      if (!Float.isNaN(f)) {
        assertEquals((short) bits, Float16.fromFloat(f), "bits " + Integer.toHexString(bits));
      }
    }
  }

  @Test
  void valuesBetweenTwoHalvesRoundToTheNearestAndTiesToEven() {
    for (int bits = 0; bits < 0x7bff; bits++) {
      float lo = Float16.toFloat((short) bits);
      float hi = Float16.toFloat((short) (bits + 1));
      float mid = (lo + hi) / 2; // exact in float: halves have 11 significant bits
      short even = (short) ((bits & 1) == 0 ? bits : bits + 1);
      assertEquals(even, Float16.fromFloat(mid), "tie above " + Integer.toHexString(bits));
      assertEquals((short) bits, Float16.fromFloat(Math.nextDown(mid)));
      assertEquals((short) (bits + 1), Float16.fromFloat(Math.nextUp(mid)));
    }
  }

  @Test
  void overflowUnderflowAndSpecialValues() {
    assertEquals((short) 0x7c00, Float16.fromFloat(65520f)); // rounds up past the largest half
    assertEquals((short) 0x7bff, Float16.fromFloat(65519f));
    assertEquals((short) 0xfc00, Float16.fromFloat(Float.NEGATIVE_INFINITY));
    assertEquals((short) 0x0000, Float16.fromFloat(0x1p-25f)); // half the smallest subnormal: tie to 0
    assertEquals((short) 0x0001, Float16.fromFloat(Math.nextUp(0x1p-25f)));
    assertEquals((short) 0x8000, Float16.fromFloat(-0f));
    assertEquals((short) 0x0000, Float16.fromFloat(1e-30f));
    assertEquals(true, Float.isNaN(Float16.toFloat(Float16.fromFloat(Float.NaN))));
  }
}
