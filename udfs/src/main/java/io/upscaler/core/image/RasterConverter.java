package io.upscaler.core.image;

import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;

/**
 * Copies whatever raster an ImageIO reader produced into the canonical {@link Image} layout the
 * header promised (channels and bit depth), so that decode always agrees with probe. Samples are
 * taken as stored: colour conversion happens before (exotic colour spaces) or after (ICC
 * profiles) this step. Palette images expand to RGB(A); grey sources fill RGB targets and vice
 * versa; a missing alpha becomes opaque (or comes from a PNG colour key); premultiplied alpha is
 * undone. Rasters already in the target layout (what the PNG reader, among others, produces) are
 * taken over without conversion ({@link InterleavedRaster}).
 */
final class RasterConverter {
  private RasterConverter() {}

  static Image toImage(BufferedImage bi, int channels, int bitDepth, int[] colorKey) {
    Image same = InterleavedRaster.take(bi, channels, bitDepth, colorKey);
    return same != null ? same : convert(bi, channels, bitDepth, colorKey);
  }

  /** The general path: any raster, one row at a time through RGBA ints. */
  static Image convert(BufferedImage bi, int channels, int bitDepth, int[] colorKey) {
    if (bi.getColorModel().isAlphaPremultiplied()) {
      bi.coerceData(false);
    }
    Image out = Image.allocate(bi.getWidth(), bi.getHeight(), channels, bitDepth);
    RowSource source = rowSource(bi, bitDepth);
    int[] rgba = new int[bi.getWidth() * 4];
    for (int y = 0; y < bi.getHeight(); y++) {
      source.row(y, rgba);
      writeRow(out, y, rgba, colorKey);
    }
    return out;
  }

  /** Produces one row as R, G, B, A (alpha -1 when the source has none) at the target depth. */
  private interface RowSource {
    void row(int y, int[] rgba);
  }

  private static RowSource rowSource(BufferedImage bi, int bitDepth) {
    ColorModel cm = bi.getColorModel();
    if (cm instanceof IndexColorModel) {
      return paletteRows(bi, (IndexColorModel) cm, bitDepth);
    }
    if (cm.getNumComponents() != bi.getRaster().getNumBands()) {
      return argbRows(bi, bitDepth); // packed pixels (DirectColorModel)
    }
    return componentRows(bi, bitDepth);
  }

  private static RowSource paletteRows(BufferedImage bi, IndexColorModel icm, int bitDepth) {
    int[] lut = new int[icm.getMapSize()];
    icm.getRGBs(lut);
    boolean alpha = icm.hasAlpha();
    Raster raster = bi.getRaster();
    int w = bi.getWidth();
    int[] idx = new int[w];
    return (y, rgba) -> {
      raster.getSamples(0, y, w, 1, 0, idx);
      for (int x = 0; x < w; x++) {
        int argb = idx[x] < lut.length ? lut[idx[x]] : 0;
        unpackArgb(argb, alpha, bitDepth, rgba, x);
      }
    };
  }

  private static RowSource argbRows(BufferedImage bi, int bitDepth) {
    boolean alpha = bi.getColorModel().hasAlpha();
    int w = bi.getWidth();
    int[] argb = new int[w];
    return (y, rgba) -> {
      bi.getRGB(0, y, w, 1, argb, 0, w);
      for (int x = 0; x < w; x++) {
        unpackArgb(argb[x], alpha, bitDepth, rgba, x);
      }
    };
  }

  private static void unpackArgb(int argb, boolean alpha, int bitDepth, int[] rgba, int x) {
    int scale = bitDepth == 16 ? 257 : 1;
    rgba[4 * x] = ((argb >> 16) & 0xFF) * scale;
    rgba[4 * x + 1] = ((argb >> 8) & 0xFF) * scale;
    rgba[4 * x + 2] = (argb & 0xFF) * scale;
    rgba[4 * x + 3] = alpha ? ((argb >>> 24) & 0xFF) * scale : -1;
  }

  /** One sample per band: grey or RGB colour bands, optionally followed by alpha. */
  private static RowSource componentRows(BufferedImage bi, int bitDepth) {
    ColorModel cm = bi.getColorModel();
    Raster raster = bi.getRaster();
    int w = bi.getWidth();
    int bands = raster.getNumBands();
    int colour = cm.getNumColorComponents();
    boolean alpha = cm.hasAlpha();
    boolean floating = raster.getDataBuffer().getDataType() == DataBuffer.TYPE_FLOAT
        || raster.getDataBuffer().getDataType() == DataBuffer.TYPE_DOUBLE;
    long dstMax = bitDepth == 16 ? 0xFFFF : 0xFF;
    long[] srcMax = new long[bands];
    for (int b = 0; b < bands; b++) {
      srcMax[b] = (1L << Math.min(32, cm.getComponentSize(b))) - 1;
    }
    double[] dRow = floating ? new double[w * bands] : null;
    int[] iRow = floating ? null : new int[w * bands];
    return (y, rgba) -> {
      if (floating) {
        raster.getPixels(0, y, w, 1, dRow);
      } else {
        raster.getPixels(0, y, w, 1, iRow);
      }
      for (int x = 0; x < w; x++) {
        for (int c = 0; c < 3; c++) {
          int b = colour >= 3 ? c : 0;
          rgba[4 * x + c] = sample(iRow, dRow, x * bands + b, srcMax[b], dstMax);
        }
        rgba[4 * x + 3] = alpha
            ? sample(iRow, dRow, x * bands + colour, srcMax[colour], dstMax) : -1;
      }
    };
  }

  private static int sample(int[] iRow, double[] dRow, int i, long srcMax, long dstMax) {
    if (dRow != null) {
      double v = Math.max(0, Math.min(1, dRow[i]));
      return (int) Math.round(v * dstMax);
    }
    long v = iRow[i] & 0xFFFFFFFFL;
    return srcMax == dstMax ? (int) v : (int) ((v * dstMax + srcMax / 2) / srcMax);
  }

  private static void writeRow(Image out, int y, int[] rgba, int[] key) {
    int ch = out.channels();
    int max = out.maxValue();
    boolean grey = out.isGrey();
    int i = out.index(0, y);
    for (int x = 0; x < out.width(); x++) {
      int r = rgba[4 * x];
      int g = rgba[4 * x + 1];
      int b = rgba[4 * x + 2];
      int a = rgba[4 * x + 3];
      if (grey) {
        out.setRaw(i++, r == g && g == b ? g : (r * 299 + g * 587 + b * 114 + 500) / 1000);
      } else {
        out.setRaw(i++, r);
        out.setRaw(i++, g);
        out.setRaw(i++, b);
      }
      if (out.hasAlpha()) {
        out.setRaw(i++, a >= 0 ? a : keyed(key, r, g, b, grey) ? 0 : max);
      }
    }
    assert i == out.index(0, y) + out.width() * ch;
  }

  private static boolean keyed(int[] key, int r, int g, int b, boolean grey) {
    if (key == null) {
      return false;
    }
    return key.length == 1 ? r == key[0] && (grey || (g == key[0] && b == key[0]))
        : key.length == 3 && r == key[0] && g == key[1] && b == key[2];
  }
}
