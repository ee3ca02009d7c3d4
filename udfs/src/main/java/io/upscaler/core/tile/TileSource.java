package io.upscaler.core.tile;

/** Pixels the model reads: three planes (R, G, B) in 0..1. */
public interface TileSource {
  int width();

  int height();

  /**
   * Copies the w x h window at (x, y) into {@code dst} as three consecutive planes of {@code w * h}
   * values each, starting at {@code offset}.
   */
  void read(int x, int y, int w, int h, float[] dst, int offset);
}
