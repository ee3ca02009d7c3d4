package io.upscaler.core.tile;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits an image into tiles whose stitched model outputs equal whole-image inference.
 *
 * <p>Each tile has a <em>core</em>, the part of the image it contributes to the output, and a
 * <em>window</em>, what the model sees: the core plus at least {@code pad} pixels of real image
 * context on every side that is not the image border. With {@code pad} at least the model's
 * receptive-field radius, the core's outputs never see the window's artificial edges, so they are
 * what whole-image inference computes there. Windows that would cross the image border are
 * shifted inward rather than padded, so every window has the same size and tiles batch together.
 *
 * <p>Memory is bounded: a window is at most {@code tile + 2 * pad} pixels on a side.
 */
public final class TileGrid {
  private final List<Span> columns;
  private final List<Span> rows;

  /** One axis: core [coreStart, coreEnd) seen through window [windowStart, windowEnd). */
  public record Span(int coreStart, int coreEnd, int windowStart, int windowEnd) {
    public int coreLength() {
      return coreEnd - coreStart;
    }

    public int windowLength() {
      return windowEnd - windowStart;
    }

    /** Offset of the core inside the window. */
    public int coreOffset() {
      return coreStart - windowStart;
    }
  }

  /** A tile: a column span and a row span. */
  public record Tile(Span x, Span y) {}

  private TileGrid(List<Span> columns, List<Span> rows) {
    this.columns = columns;
    this.rows = rows;
  }

  /**
   * Plans the grid.
   *
   * @param tile largest core side in pixels (at least 1)
   * @param pad context on each inner side, in input pixels (at least 0)
   */
  public static TileGrid plan(int width, int height, int tile, int pad) {
    if (width < 1 || height < 1 || tile < 1 || pad < 0) {
      throw new IllegalArgumentException(
          "bad tile plan: " + width + "x" + height + " tile " + tile + " pad " + pad);
    }
    return new TileGrid(axis(width, tile, pad), axis(height, tile, pad));
  }

  /**
   * Cores of near-equal length (so no sliver tile wastes a whole window) that cover [0, length);
   * all windows the same length.
   */
  static List<Span> axis(int length, int tile, int pad) {
    List<Span> spans = new ArrayList<>();
    if (length <= (long) tile + 2L * pad) {
      spans.add(new Span(0, length, 0, length));
      return spans;
    }
    int count = (length + tile - 1) / tile;
    int core = (length + count - 1) / count;
    int window = Math.min(length, core + 2 * pad);
    for (int start = 0; start < length; start += core) {
      int end = Math.min(length, start + core);
      int windowStart = Math.max(0, Math.min(start - pad, length - window));
      spans.add(new Span(start, end, windowStart, windowStart + window));
    }
    return spans;
  }

  /** Tiles in row-major order. */
  public List<Tile> tiles() {
    List<Tile> tiles = new ArrayList<>(rows.size() * columns.size());
    for (Span y : rows) {
      for (Span x : columns) {
        tiles.add(new Tile(x, y));
      }
    }
    return tiles;
  }

  public int windowWidth() {
    return columns.get(0).windowLength();
  }

  public int windowHeight() {
    return rows.get(0).windowLength();
  }

  public int size() {
    return rows.size() * columns.size();
  }

  /** Pixels the model processes divided by pixels of the image (1.0 = no overlap). */
  public double overhead() {
    long image = (long) columns.get(columns.size() - 1).coreEnd() * rows.get(rows.size() - 1).coreEnd();
    return (double) size() * windowWidth() * windowHeight() / image;
  }
}
