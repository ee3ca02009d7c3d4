package io.upscaler.core.tile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class TileGridTest {

  @Test
  void coresPartitionTheAxisAndWindowsKeepPadOnInnerSides() {
    for (int length : new int[] {1, 2, 7, 64, 100, 513, 1000}) {
      for (int tile : new int[] {1, 3, 16, 64, 512}) {
        for (int pad : new int[] {0, 1, 5, 20}) {
          List<TileGrid.Span> spans = TileGrid.axis(length, tile, pad);
          int expectedStart = 0;
          int window = spans.get(0).windowLength();
          for (TileGrid.Span s : spans) {
            assertEquals(expectedStart, s.coreStart(), "contiguous cores");
            assertTrue(s.coreLength() > 0 && s.coreLength() <= Math.max(tile, length <= tile + 2 * pad ? length : 0));
            assertEquals(window, s.windowLength(), "equal windows so tiles batch");
            assertTrue(s.windowStart() >= 0 && s.windowEnd() <= length, "window inside image");
            assertTrue(s.windowStart() == 0 || s.coreStart() - s.windowStart() >= pad, "left pad");
            assertTrue(s.windowEnd() == length || s.windowEnd() - s.coreEnd() >= pad, "right pad");
            expectedStart = s.coreEnd();
          }
          assertEquals(length, expectedStart, "cores cover the axis");
        }
      }
    }
  }

  @Test
  void smallImagesAreOneWindow() {
    TileGrid grid = TileGrid.plan(30, 1, 16, 8);
    assertEquals(1, grid.size());
    assertEquals(30, grid.windowWidth());
    assertEquals(1, grid.windowHeight());
    assertEquals(1.0, grid.overhead(), 1e-9);
  }

  @Test
  void coresAreBalancedSoNoSliverTileWastesAWindow() {
    List<TileGrid.Span> spans = TileGrid.axis(1030, 512, 10);
    assertEquals(3, spans.size());
    for (TileGrid.Span s : spans) {
      assertTrue(s.coreLength() >= 340 && s.coreLength() <= 344, s.toString());
    }
  }
}
