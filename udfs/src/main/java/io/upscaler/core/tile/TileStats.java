package io.upscaler.core.tile;

/**
 * What a tiled inference did.
 *
 * @param tiles tiles processed
 * @param runs model calls (tiles / batch, rounded up)
 * @param inferNanos time inside the model
 * @param fillNanos time copying pixels into input tensors
 * @param stitchNanos time copying outputs into the result
 */
public record TileStats(int tiles, int runs, long inferNanos, long fillNanos, long stitchNanos) {
  public static final TileStats NONE = new TileStats(0, 0, 0, 0, 0);

  public TileStats plus(TileStats o) {
    return new TileStats(
        tiles + o.tiles,
        runs + o.runs,
        inferNanos + o.inferNanos,
        fillNanos + o.fillNanos,
        stitchNanos + o.stitchNanos);
  }
}
