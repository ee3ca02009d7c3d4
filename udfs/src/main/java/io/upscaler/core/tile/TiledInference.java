package io.upscaler.core.tile;

import io.upscaler.core.ErrorClass;
import io.upscaler.core.UpscaleException;
import io.upscaler.core.infer.ModelSession;
import io.upscaler.models.ModelCard;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.List;

/**
 * Runs a model over a {@link TileGrid}, {@code batch} tiles per call, and stitches the cores of
 * the outputs into a {@link TileSink}.
 *
 * <p>Memory: one input batch (in a direct buffer reused for every call, plus a heap staging copy)
 * and one output batch at a time, whatever the image size. Values are mapped from 0..1 into the
 * card's value range on the way in and back on the way out. Not thread-safe; one instance per
 * image, on the calling thread.
 */
public final class TiledInference {
  private final ModelSession session;
  private final int scale;
  private final float offset;
  private final float range;

  public TiledInference(ModelSession session) {
    this.session = session;
    ModelCard card = session.card();
    this.scale = card.nativeScale();
    this.offset = (float) card.valueMin();
    this.range = (float) (card.valueMax() - card.valueMin());
  }

  /**
   * Upscales {@code source} by the model's native scale into {@code sink}.
   *
   * @param tile largest tile core side (input pixels)
   * @param batch tiles per model call (at least 1)
   * @param pad context per side (input pixels); at least the receptive-field radius for output
   *     equal to whole-image inference
   */
  public TileStats run(TileSource source, TileSink sink, int tile, int batch, int pad)
      throws UpscaleException {
    if (batch < 1) {
      throw new UpscaleException(ErrorClass.INVALID_REQUEST, "batch must be >= 1: " + batch);
    }
    TileGrid grid = TileGrid.plan(source.width(), source.height(), tile, pad);
    List<TileGrid.Tile> tiles = grid.tiles();
    int ww = grid.windowWidth();
    int wh = grid.windowHeight();
    int perTile = 3 * ww * wh;
    int maxBatch = Math.min(batch, tiles.size());
    float[] staging = new float[maxBatch * perTile];
    FloatBuffer input =
        ByteBuffer.allocateDirect(staging.length * Float.BYTES)
            .order(ByteOrder.nativeOrder())
            .asFloatBuffer();
    long infer = 0;
    long fill = 0;
    long stitch = 0;
    int runs = 0;
    for (int first = 0; first < tiles.size(); first += maxBatch) {
      List<TileGrid.Tile> group = tiles.subList(first, Math.min(tiles.size(), first + maxBatch));
      long t0 = System.nanoTime();
      fill(source, group, staging, perTile, ww, wh, input);
      long t1 = System.nanoTime();
      float[] out = session.run(input, new long[] {group.size(), 3, wh, ww});
      long t2 = System.nanoTime();
      stitch(group, out, ww * scale, wh * scale, sink);
      long t3 = System.nanoTime();
      fill += t1 - t0;
      infer += t2 - t1;
      stitch += t3 - t2;
      runs++;
    }
    return new TileStats(tiles.size(), runs, infer, fill, stitch);
  }

  private void fill(
      TileSource source,
      List<TileGrid.Tile> group,
      float[] staging,
      int perTile,
      int ww,
      int wh,
      FloatBuffer input) {
    int n = group.size() * perTile;
    for (int i = 0; i < group.size(); i++) {
      TileGrid.Tile t = group.get(i);
      source.read(t.x().windowStart(), t.y().windowStart(), ww, wh, staging, i * perTile);
    }
    if (offset != 0f || range != 1f) {
      for (int i = 0; i < n; i++) {
        staging[i] = staging[i] * range + offset;
      }
    }
    input.clear();
    input.put(staging, 0, n);
    input.flip();
  }

  private void stitch(List<TileGrid.Tile> group, float[] out, int ow, int oh, TileSink sink)
      throws UpscaleException {
    int plane = ow * oh;
    if (out.length != group.size() * 3 * plane) {
      throw new UpscaleException(
          ErrorClass.MODEL_ERROR,
          "model " + session.card().id() + " returned " + out.length + " values, expected "
              + group.size() + "x3x" + oh + "x" + ow + " for scale " + scale);
    }
    if (offset != 0f || range != 1f) {
      float inv = 1f / range;
      for (int i = 0; i < out.length; i++) {
        out[i] = (out[i] - offset) * inv;
      }
    }
    for (int i = 0; i < group.size(); i++) {
      TileGrid.Tile t = group.get(i);
      int srcOffset = i * 3 * plane + t.y().coreOffset() * scale * ow + t.x().coreOffset() * scale;
      sink.write(
          t.x().coreStart() * scale,
          t.y().coreStart() * scale,
          t.x().coreLength() * scale,
          t.y().coreLength() * scale,
          out,
          srcOffset,
          ow,
          plane);
    }
  }
}
