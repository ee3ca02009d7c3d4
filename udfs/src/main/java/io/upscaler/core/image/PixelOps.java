package io.upscaler.core.image;

/** Layout changes an output format may need: fewer bits, no alpha, colour instead of grey. */
final class PixelOps {
  private PixelOps() {}

  /** 16-bit samples rounded to 8 bits (v × 255 / 65535, rounded); 8-bit input returned as is. */
  static Image to8Bit(Image src) {
    if (src.bitDepth() == 8) {
      return src;
    }
    Image out = Image.allocate(src.width(), src.height(), src.channels(), 8);
    int n = src.width() * src.height() * src.channels();
    for (int i = 0; i < n; i++) {
      out.setRaw(i, (src.raw(i) * 255 + 32767) / 65535);
    }
    return out;
  }

  /** Alpha composited onto white (in the stored, gamma-encoded values); alpha dropped. */
  static Image flattenOnWhite(Image src) {
    if (!src.hasAlpha()) {
      return src;
    }
    int colour = src.colorChannels();
    Image out = Image.allocate(src.width(), src.height(), colour, src.bitDepth());
    long max = src.maxValue();
    int pixels = src.width() * src.height();
    for (int p = 0; p < pixels; p++) {
      int si = p * src.channels();
      long a = src.raw(si + colour);
      for (int c = 0; c < colour; c++) {
        long v = src.raw(si + c) * a + max * (max - a);
        out.setRaw(p * colour + c, (int) ((v + max / 2) / max));
      }
    }
    return out;
  }

  /** Grey (and grey+alpha) replicated to RGB (RGBA); colour input returned as is. */
  static Image greyToRgb(Image src) {
    if (!src.isGrey()) {
      return src;
    }
    boolean alpha = src.hasAlpha();
    Image out = Image.allocate(src.width(), src.height(), alpha ? 4 : 3, src.bitDepth());
    int pixels = src.width() * src.height();
    for (int p = 0; p < pixels; p++) {
      int g = src.raw(p * src.channels());
      int o = p * out.channels();
      out.setRaw(o, g);
      out.setRaw(o + 1, g);
      out.setRaw(o + 2, g);
      if (alpha) {
        out.setRaw(o + 3, src.raw(p * 2 + 1));
      }
    }
    return out;
  }
}
