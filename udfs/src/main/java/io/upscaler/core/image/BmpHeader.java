package io.upscaler.core.image;

import io.upscaler.core.UpscaleException;

/**
 * BMP: file header and DIB header (OS/2 core, Windows v3 to v5). Palette and 16/24-bit images
 * decode to RGB; 16/32-bit images with an alpha bit mask decode to RGBA. Decode mode checks that
 * uncompressed pixel rows are all present.
 */
final class BmpHeader {
  private static final int BI_RGB = 0;
  private static final int BI_BITFIELDS = 3;
  private static final int BI_ALPHABITFIELDS = 6;

  private BmpHeader() {}

  static Header parse(ByteView v, boolean decode) throws UpscaleException {
    long dataOffset = v.u32le(10);
    long dibSize = v.u32le(14);
    long width;
    long height;
    int bpp;
    long compression = BI_RGB;
    if (dibSize == 12) {
      width = v.u16le(18);
      height = v.u16le(20);
      bpp = v.u16le(24);
    } else if (dibSize >= 40 && dibSize <= 124) {
      width = (int) v.u32le(18);
      height = (int) v.u32le(22);
      bpp = v.u16le(28);
      compression = v.u32le(30);
    } else {
      throw v.corrupt("DIB header size " + dibSize);
    }
    long rows = Math.abs(height);
    if (width <= 0 || height == 0 || rows > Integer.MAX_VALUE) {
      throw v.corrupt("size " + width + "x" + height);
    }
    check(v, bpp, compression);
    boolean alpha = (bpp == 16 || bpp == 32) && alphaMask(v, dibSize, compression) != 0;
    if (decode && compression != 1 && compression != 2) {
      long stride = (width * bpp + 31) / 32 * 4;
      long end = dataOffset + stride * (rows - 1) + (width * bpp + 7) / 8;
      if (end > v.length()) {
        throw v.truncated(String.format("the pixel rows need %,d bytes", end));
      }
    }
    return Header.of(ImageFormat.BMP, width, rows, alpha ? 4 : 3, 8, alpha);
  }

  private static void check(ByteView v, int bpp, long compression) throws UpscaleException {
    if (bpp != 1 && bpp != 2 && bpp != 4 && bpp != 8 && bpp != 16 && bpp != 24 && bpp != 32) {
      throw v.corrupt(bpp + " bits per pixel");
    }
    if (compression == 4 || compression == 5) {
      throw v.unsupported("BMP with embedded " + (compression == 4 ? "JPEG" : "PNG") + " data");
    }
    if (compression > BI_ALPHABITFIELDS) {
      throw v.corrupt("compression type " + compression);
    }
  }

  /** The alpha channel mask, or 0 when the header declares none. */
  private static long alphaMask(ByteView v, long dibSize, long compression)
      throws NeedMoreBytesException {
    if (compression != BI_BITFIELDS && compression != BI_ALPHABITFIELDS) {
      return 0;
    }
    if (dibSize >= 56) {
      return v.u32le(14 + 52);
    }
    // A v3 header with BI_ALPHABITFIELDS is followed by four masks; BI_BITFIELDS by three.
    return compression == BI_ALPHABITFIELDS && dibSize == 40 ? v.u32le(14 + 40 + 12) : 0;
  }
}
