package io.upscaler.core.image;

import java.awt.image.BufferedImage;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.DataBufferByte;
import java.awt.image.DataBufferUShort;
import java.awt.image.PixelInterleavedSampleModel;
import java.awt.image.WritableRaster;

/**
 * The decoder's fast path: a raster whose samples are already laid out as the canonical {@link
 * Image} wants them (one band per channel, interleaved, rows packed, 8-bit bytes or 16-bit
 * shorts, straight alpha) becomes the image without a per-sample conversion. 8-bit samples in
 * another order (BGR, ABGR: the JDK's 3- and 4-byte types) are reordered in one pass. Anything else is
 * left to {@link RasterConverter#convert}.
 */
final class InterleavedRaster {
  private InterleavedRaster() {}

  /**
   * The image, or null when the raster is not in a layout this handles. The image may share the
   * raster's array: the caller must not use {@code bi} afterwards.
   */
  static Image take(BufferedImage bi, int channels, int bitDepth, int[] colorKey) {
    int[] order = bandOrder(bi, channels, bitDepth, colorKey);
    if (order == null) {
      return null;
    }
    int w = bi.getWidth();
    int h = bi.getHeight();
    int n = w * h * channels;
    DataBuffer buffer = bi.getRaster().getDataBuffer();
    if (bitDepth == 8) {
      byte[] data = ((DataBufferByte) buffer).getData();
      return Image.wrap8(w, h, channels, reorder(data, n, order));
    }
    short[] data = ((DataBufferUShort) buffer).getData();
    return Image.wrap16(w, h, channels, data.length == n ? data : java.util.Arrays.copyOf(data, n));
  }

  /**
   * For each channel of the canonical layout, its offset inside a source pixel; null when the
   * raster can't be taken over as is.
   */
  private static int[] bandOrder(BufferedImage bi, int channels, int bitDepth, int[] colorKey) {
    WritableRaster raster = bi.getRaster();
    if (!(bi.getColorModel() instanceof ComponentColorModel cm)
        || !(raster.getSampleModel() instanceof PixelInterleavedSampleModel sm)
        || cm.isAlphaPremultiplied() || raster.getParent() != null
        || raster.getSampleModelTranslateX() != 0 || raster.getSampleModelTranslateY() != 0) {
      return null;
    }
    boolean grey = channels <= 2;
    boolean alpha = channels == 2 || channels == 4;
    int type = bitDepth == 8 ? DataBuffer.TYPE_BYTE : DataBuffer.TYPE_USHORT;
    DataBuffer buffer = raster.getDataBuffer();
    if (sm.getNumBands() != channels || cm.hasAlpha() != alpha || (colorKey != null && alpha)
        || cm.getNumColorComponents() != (grey ? 1 : 3) || buffer.getDataType() != type
        || buffer.getNumBanks() != 1 || buffer.getOffset() != 0
        || sm.getPixelStride() != channels || sm.getScanlineStride() != bi.getWidth() * channels) {
      return null;
    }
    for (int b = 0; b < channels; b++) {
      if (cm.getComponentSize(b) != bitDepth) {
        return null;
      }
    }
    int[] offsets = sm.getBandOffsets();
    // Reordering is for the JDK's BGR/ABGR byte types; 16-bit rasters come in canonical order.
    return isPermutation(offsets) && (bitDepth == 8 || identity(offsets)) ? offsets : null;
  }

  private static boolean isPermutation(int[] offsets) {
    boolean[] seen = new boolean[offsets.length];
    for (int o : offsets) {
      if (o < 0 || o >= offsets.length || seen[o]) {
        return false;
      }
      seen[o] = true;
    }
    return true;
  }

  private static boolean identity(int[] order) {
    for (int i = 0; i < order.length; i++) {
      if (order[i] != i) {
        return false;
      }
    }
    return true;
  }

  /** The first {@code n} samples in canonical order: the array itself when nothing moves. */
  private static byte[] reorder(byte[] data, int n, int[] order) {
    if (identity(order)) {
      return data.length == n ? data : java.util.Arrays.copyOf(data, n);
    }
    byte[] out = new byte[n];
    int ch = order.length;
    for (int p = 0; p < n; p += ch) {
      for (int c = 0; c < ch; c++) {
        out[p + c] = data[p + order[c]];
      }
    }
    return out;
  }
}
