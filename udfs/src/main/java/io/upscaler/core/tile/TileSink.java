package io.upscaler.core.tile;

/** Receives model outputs (three planes, 0..1, possibly slightly out of range). */
public interface TileSink {
  /**
   * Writes the w x h region at output position (x, y), read from {@code src}, whose three planes
   * start at {@code srcOffset}, are {@code planeSize} apart, and have rows {@code srcStride} long.
   */
  void write(int x, int y, int w, int h, float[] src, int srcOffset, int srcStride, int planeSize);
}
