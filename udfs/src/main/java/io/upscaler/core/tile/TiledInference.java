package io.upscaler.core.tile;

import io.upscaler.core.ErrorClass;
import io.upscaler.core.UpscaleException;
import io.upscaler.core.infer.ModelSession;
import io.upscaler.models.ModelCard;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs a model over a {@link TileGrid}, {@code batch} tiles per call, and stitches the cores of
 * the outputs into a {@link TileSink}.
 *
 * <p>Tiles of equal window size are batched within an image and, through {@link #runAll}, across
 * images. Memory: one input batch (in a direct buffer plus a heap staging copy, both kept per
 * thread and reused for its later calls and images) and one output batch at a time, whatever the
 * image size. Values are mapped from 0..1 into the
 * card's value range on the way in and back on the way out. Not thread-safe; one instance per
 * call, on the calling thread.
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
   * One image's part of a model call: what the model reads, where its output goes, and how it is
   * tiled.
   *
   * @param tile largest tile core side (input pixels)
   * @param pad context per side (input pixels); at least the receptive-field radius for output
   *     equal to whole-image inference
   */
  public record Job(TileSource source, TileSink sink, int tile, int pad) {}

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
    return runAll(List.of(new Job(source, sink, tile, pad)), batch).get(0);
  }

  /**
   * Upscales several images at once: every tile of every job, grouped by window size (in the order
   * the windows first appear), {@code batch} tiles per model call, so small images that are one
   * tile each share calls instead of running a batch of 1 (what keeps a GPU busy). Each output is
   * what {@link #run} computes for its job alone: batching changes how many windows go through a
   * call, not what any window sees.
   *
   * <p>Memory: one input and one output batch at a time, whatever the number of images.
   *
   * @return one {@link TileStats} per job, in order; a call shared by several jobs counts as a
   *     run of each, and its time is shared among them by their number of tiles in it
   * @throws UpscaleException when a model call fails (for every job: the caller decides whether
   *     to retry them one by one)
   */
  public List<TileStats> runAll(List<Job> jobs, int batch) throws UpscaleException {
    if (batch < 1) {
      throw new UpscaleException(ErrorClass.INVALID_REQUEST, "batch must be >= 1: " + batch);
    }
    Map<Long, List<Window>> byShape = new LinkedHashMap<>();
    for (int j = 0; j < jobs.size(); j++) {
      Job job = jobs.get(j);
      TileGrid grid = TileGrid.plan(job.source().width(), job.source().height(), job.tile(),
          job.pad());
      long shape = ((long) grid.windowWidth() << 32) | grid.windowHeight();
      for (TileGrid.Tile t : grid.tiles()) {
        byShape.computeIfAbsent(shape, k -> new ArrayList<>()).add(new Window(j, job, t));
      }
    }
    Counts counts = new Counts(jobs.size());
    for (Map.Entry<Long, List<Window>> e : byShape.entrySet()) {
      runShape(e.getValue(), (int) (e.getKey() >>> 32), (int) (long) e.getKey(), batch, counts);
    }
    return counts.stats();
  }

  /**
   * The input batch of the calling thread, kept for its later calls and images: the staging array
   * and the direct buffer ORT reads without copying, grown to the largest batch seen (bounded by
   * tile and batch: {@code batch * 3 * (tile + 2 * pad)^2} floats each).
   */
  private static final ThreadLocal<InputBuffers> INPUT = ThreadLocal.withInitial(InputBuffers::new);

  private static final class InputBuffers {
    float[] staging = new float[0];
    FloatBuffer direct;

    InputBuffers ensure(int floats) {
      if (staging.length < floats) {
        staging = new float[floats];
        direct = ByteBuffer.allocateDirect(floats * Float.BYTES).order(ByteOrder.nativeOrder())
            .asFloatBuffer();
      }
      return this;
    }
  }

  /** One tile window of one job. */
  private record Window(int job, Job of, TileGrid.Tile tile) {}

  private void runShape(List<Window> windows, int ww, int wh, int batch, Counts counts)
      throws UpscaleException {
    int perTile = 3 * ww * wh;
    int maxBatch = Math.min(batch, windows.size());
    InputBuffers buffers = INPUT.get().ensure(maxBatch * perTile);
    float[] staging = buffers.staging;
    FloatBuffer input = buffers.direct;
    for (int first = 0; first < windows.size(); first += maxBatch) {
      List<Window> group = windows.subList(first, Math.min(windows.size(), first + maxBatch));
      long t0 = System.nanoTime();
      fill(group, staging, perTile, ww, wh, input);
      long t1 = System.nanoTime();
      float[] out = session.run(input, new long[] {group.size(), 3, wh, ww});
      long t2 = System.nanoTime();
      stitch(group, out, ww * scale, wh * scale);
      long t3 = System.nanoTime();
      counts.add(group, t1 - t0, t2 - t1, t3 - t2);
    }
  }

  /** Tiles, runs and time per job, a shared call's time split by tiles. */
  private static final class Counts {
    final int[] tiles;
    final int[] runs;
    final long[][] nanos; // [job][infer, fill, stitch]

    Counts(int jobs) {
      tiles = new int[jobs];
      runs = new int[jobs];
      nanos = new long[jobs][3];
    }

    void add(List<Window> group, long fill, long infer, long stitch) {
      int[] inCall = new int[tiles.length];
      group.forEach(w -> inCall[w.job()]++);
      for (int j = 0; j < tiles.length; j++) {
        if (inCall[j] > 0) {
          tiles[j] += inCall[j];
          runs[j]++;
          nanos[j][0] += infer * inCall[j] / group.size();
          nanos[j][1] += fill * inCall[j] / group.size();
          nanos[j][2] += stitch * inCall[j] / group.size();
        }
      }
    }

    List<TileStats> stats() {
      List<TileStats> out = new ArrayList<>(tiles.length);
      for (int j = 0; j < tiles.length; j++) {
        out.add(new TileStats(tiles[j], runs[j], nanos[j][0], nanos[j][1], nanos[j][2]));
      }
      return out;
    }
  }

  private void fill(
      List<Window> group, float[] staging, int perTile, int ww, int wh, FloatBuffer input) {
    int n = group.size() * perTile;
    for (int i = 0; i < group.size(); i++) {
      TileGrid.Tile t = group.get(i).tile();
      group.get(i).of().source().read(t.x().windowStart(), t.y().windowStart(), ww, wh, staging,
          i * perTile);
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

  private void stitch(List<Window> group, float[] out, int ow, int oh) throws UpscaleException {
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
      TileGrid.Tile t = group.get(i).tile();
      int srcOffset = i * 3 * plane + t.y().coreOffset() * scale * ow + t.x().coreOffset() * scale;
      group.get(i).of().sink().write(
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
