package io.upscaler.core.tile;

import io.upscaler.core.image.Image;

/**
 * Adapters between {@link Image} and the tile interfaces: the colour of an image (grey repeated
 * into R, G and B), its alpha as a grey picture, and sinks that write RGB, luma or alpha. Sources
 * and sinks work on the image's sample array directly (one pass, no allocation per tile).
 */
public final class ImageTiles {
  private static final float INV_16 = 1f / 0xFFFF;
  /** 8-bit sample to 0..1: the same products as {@code v * (1f / 255)}, looked up. */
  private static final float[] UNIT_8 = new float[256];

  static {
    float inv = 1f / 0xFF;
    for (int v = 0; v < 256; v++) {
      UNIT_8[v] = v * inv;
    }
  }

  private ImageTiles() {}

  /** The colour channels of {@code image}; grey is repeated into all three planes. */
  public static TileSource color(Image image) {
    return new Source(image, false);
  }

  /** The alpha channel of {@code image} repeated into all three planes. */
  public static TileSource alpha(Image image) {
    if (!image.hasAlpha()) {
      throw new IllegalArgumentException("image has no alpha: " + image);
    }
    return new Source(image, true);
  }

  /**
   * Writes model output into the colour channels of {@code image}: RGB as is, or its luma
   * (BT.601 weights) when the image is grey. Each value is rounded and clamped to the image's
   * range exactly as {@link Image#set} would, in one pass over the region with no allocation.
   */
  public static TileSink colorSink(Image image) {
    return new ColourSink(image);
  }

  /** Writes the mean of the three output planes into the alpha channel of {@code image}. */
  public static TileSink alphaSink(Image image) {
    if (!image.hasAlpha()) {
      throw new IllegalArgumentException("image has no alpha: " + image);
    }
    int ch = image.channels();
    int max = image.maxValue();
    return (x, y, w, h, src, off, stride, plane) -> {
      for (int row = 0; row < h; row++) {
        int s = off + row * stride;
        int d = image.index(x, y + row) + ch - 1;
        for (int col = 0; col < w; col++, s++, d += ch) {
          float a = (src[s] + src[s + plane] + src[s + 2 * plane]) / 3f;
          image.setRaw(d, Math.round(a * max));
        }
      }
    };
  }

  private static float luma(float r, float g, float b) {
    return 0.299f * r + 0.587f * g + 0.114f * b;
  }

  /** A 0..1 value as an 8-bit sample: rounded half up, clamped (NaN gives 0, as Math.round). */
  private static int to8(float v) {
    return Math.max(0, Math.min(0xFF, Math.round(v * 255f)));
  }

  private static int to16(float v) {
    return Math.max(0, Math.min(0xFFFF, Math.round(v * 65535f)));
  }

  /** {@link #colorSink}: one loop for both depths; the store picks the array (never mixed). */
  private static final class ColourSink implements TileSink {
    private final Image image;
    private final byte[] b8;
    private final short[] s16;

    ColourSink(Image image) {
      this.image = image;
      this.b8 = image.bitDepth() == 8 ? image.samples8() : null;
      this.s16 = b8 == null ? image.samples16() : null;
    }

    @Override
    public void write(int x, int y, int w, int h, float[] src, int off, int stride, int plane) {
      int ch = image.channels();
      boolean grey = image.isGrey();
      for (int row = 0; row < h; row++) {
        int s = off + row * stride;
        int d = image.index(x, y + row);
        for (int col = 0; col < w; col++, s++, d += ch) {
          if (grey) {
            store(d, luma(src[s], src[s + plane], src[s + 2 * plane]));
          } else {
            store(d, src[s]);
            store(d + 1, src[s + plane]);
            store(d + 2, src[s + 2 * plane]);
          }
        }
      }
    }

    private void store(int d, float v) {
      if (b8 != null) {
        b8[d] = (byte) to8(v);
      } else {
        s16[d] = (short) to16(v);
      }
    }
  }

  private record Source(Image image, boolean alpha) implements TileSource {
    @Override
    public int width() {
      return image.width();
    }

    @Override
    public int height() {
      return image.height();
    }

    @Override
    public void read(int x, int y, int w, int h, float[] dst, int offset) {
      int plane = w * h;
      int ch = image.channels();
      boolean grey = alpha || image.isGrey();
      int first = alpha ? ch - 1 : 0;
      float[] scale = image.bitDepth() == 8 ? UNIT_8 : null;
      byte[] b8 = image.bitDepth() == 8 ? image.samples8() : null;
      short[] s16 = b8 == null ? image.samples16() : null;
      for (int row = 0; row < h; row++) {
        int s = image.index(x, y + row) + first;
        int d = offset + row * w;
        for (int col = 0; col < w; col++, s += ch, d++) {
          if (grey) {
            float v = b8 != null ? scale[b8[s] & 0xFF] : (s16[s] & 0xFFFF) * INV_16;
            dst[d] = v;
            dst[d + plane] = v;
            dst[d + 2 * plane] = v;
          } else if (b8 != null) {
            dst[d] = scale[b8[s] & 0xFF];
            dst[d + plane] = scale[b8[s + 1] & 0xFF];
            dst[d + 2 * plane] = scale[b8[s + 2] & 0xFF];
          } else {
            dst[d] = (s16[s] & 0xFFFF) * INV_16;
            dst[d + plane] = (s16[s + 1] & 0xFFFF) * INV_16;
            dst[d + 2 * plane] = (s16[s + 2] & 0xFFFF) * INV_16;
          }
        }
      }
    }
  }
}
