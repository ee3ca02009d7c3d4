package io.upscaler.core.resize;

import io.upscaler.core.image.Image;

/**
 * Separable resampling of {@link Image}s to any size, up or down.
 *
 * <p>Rows are produced one at a time: the horizontal pass is kept for only as many source rows as
 * the vertical filter spans, so memory is a few rows, not a second full-size float image. When
 * the selected channels include alpha and colour, colour is filtered premultiplied by alpha, so
 * transparent pixels' colours don't bleed into visible ones. Stateless and thread-safe.
 */
public final class Resampler {
  private Resampler() {}

  /** Receives destination rows: {@code width * channels} interleaved values in 0..1 (unclamped). */
  @FunctionalInterface
  public interface RowSink {
    void row(int y, float[] values);
  }

  /** Resizes every channel of {@code src} into a new image of the given bit depth. */
  public static Image resize(Image src, int width, int height, Filter filter, int bitDepth) {
    Image dst = Image.allocate(width, height, src.channels(), bitDepth);
    resizeInto(src, 0, src.channels(), width, height, filter, dst, 0);
    return dst;
  }

  /**
   * Resizes channels [first, first + count) of {@code src} and writes them, rounded and clamped,
   * into channels [dstFirst, dstFirst + count) of {@code dst} (which has the target size).
   */
  public static void resizeInto(
      Image src, int first, int count, int width, int height, Filter filter, Image dst, int dstFirst) {
    int dch = dst.channels();
    float max = dst.maxValue();
    resizeRows(
        src,
        first,
        count,
        width,
        height,
        filter,
        (y, values) -> {
          int d = dst.index(0, y) + dstFirst;
          for (int x = 0, s = 0; x < width; x++, d += dch) {
            for (int c = 0; c < count; c++, s++) {
              dst.setRaw(d + c, Math.round(values[s] * max));
            }
          }
        });
  }

  /** Streams the resized channels [first, first + count) of {@code src}, top row first. */
  public static void resizeRows(
      Image src, int first, int count, int width, int height, Filter filter, RowSink sink) {
    if (width < 1 || height < 1) {
      throw new IllegalArgumentException("target size must be positive: " + width + "x" + height);
    }
    boolean premultiply = src.hasAlpha() && count == src.channels() && count > 1;
    Contributions cols = Contributions.of(src.width(), width, filter);
    Contributions rows = Contributions.of(src.height(), height, filter);
    float[][] ring = new float[rows.taps + 1][];
    int[] ringRow = new int[ring.length];
    java.util.Arrays.fill(ringRow, -1);
    float[] out = new float[width * count];
    for (int y = 0; y < height; y++) {
      java.util.Arrays.fill(out, 0f);
      for (int k = 0; k < rows.taps; k++) {
        float w = rows.weights[y * rows.taps + k];
        if (w == 0f) {
          continue;
        }
        int sy = clamp(rows.first[y] + k, src.height());
        int slot = sy % ring.length;
        if (ringRow[slot] != sy) {
          ring[slot] = horizontal(src, sy, first, count, cols, width, premultiply, ring[slot]);
          ringRow[slot] = sy;
        }
        float[] line = ring[slot];
        for (int i = 0; i < out.length; i++) {
          out[i] += w * line[i];
        }
      }
      if (premultiply) {
        unpremultiply(out, count);
      }
      sink.row(y, out);
    }
  }

  private static float[] horizontal(
      Image src,
      int sy,
      int first,
      int count,
      Contributions cols,
      int width,
      boolean premultiply,
      float[] reuse) {
    float[] line = reuse != null ? reuse : new float[width * count];
    int ch = src.channels();
    float inv = 1f / src.maxValue();
    int rowBase = src.index(0, sy);
    int alpha = ch - 1;
    for (int x = 0, o = 0; x < width; x++, o += count) {
      for (int c = 0; c < count; c++) {
        line[o + c] = 0f;
      }
      int base = x * cols.taps;
      for (int k = 0; k < cols.taps; k++) {
        float w = cols.weights[base + k];
        if (w == 0f) {
          continue;
        }
        int pixel = rowBase + clamp(cols.first[x] + k, src.width()) * ch;
        int s = pixel + first;
        float a = premultiply ? src.raw(pixel + alpha) * inv : 1f;
        for (int c = 0; c < count; c++) {
          float v = src.raw(s + c) * inv;
          boolean isAlpha = premultiply && first + c == alpha;
          line[o + c] += w * (isAlpha ? v : v * a);
        }
      }
    }
    return line;
  }

  private static void unpremultiply(float[] values, int count) {
    for (int i = 0; i < values.length; i += count) {
      float a = values[i + count - 1];
      if (a > 1e-6f) {
        for (int c = 0; c < count - 1; c++) {
          values[i + c] /= a;
        }
      }
    }
  }

  private static int clamp(int i, int length) {
    return i < 0 ? 0 : (i >= length ? length - 1 : i);
  }
}
