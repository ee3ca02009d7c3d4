package io.upscaler.core.image;

/**
 * Applies an EXIF orientation (1..8) so that the image comes out upright: 2 mirror, 3 rotate
 * 180°, 4 flip, 5 transpose, 6 rotate 90° clockwise, 7 transverse, 8 rotate 90° counter-clockwise.
 * Orientations 5..8 swap width and height.
 */
final class Orientation {
  private Orientation() {}

  static Image apply(Image src, int orientation) {
    if (orientation <= 1 || orientation > 8) {
      return src;
    }
    int w = src.width();
    int h = src.height();
    boolean swap = orientation >= 5;
    int ow = swap ? h : w;
    int oh = swap ? w : h;
    Image out = Image.allocate(ow, oh, src.channels(), src.bitDepth());
    int ch = src.channels();
    for (int y = 0; y < oh; y++) {
      for (int x = 0; x < ow; x++) {
        int si = src.index(sourceX(orientation, x, y, w), sourceY(orientation, x, y, h));
        int di = out.index(x, y);
        for (int c = 0; c < ch; c++) {
          out.setRaw(di + c, src.raw(si + c));
        }
      }
    }
    return out;
  }

  /** Stored column shown at output pixel (x, y). */
  private static int sourceX(int o, int x, int y, int w) {
    switch (o) {
      case 2: case 3: return w - 1 - x;
      case 4: return x;
      case 5: case 6: return y;
      default: return w - 1 - y; // 7, 8
    }
  }

  /** Stored row shown at output pixel (x, y). */
  private static int sourceY(int o, int x, int y, int h) {
    switch (o) {
      case 2: return y;
      case 3: case 4: return h - 1 - y;
      case 5: case 8: return x;
      default: return h - 1 - x; // 6, 7
    }
  }
}
