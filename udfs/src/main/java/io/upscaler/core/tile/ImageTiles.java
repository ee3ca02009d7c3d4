package io.upscaler.core.tile;

import io.upscaler.core.image.Image;

/**
 * Adapters between {@link Image} and the tile interfaces: the colour of an image (grey repeated
 * into R, G and B), its alpha as a grey picture, and sinks that write RGB, luma or alpha.
 */
public final class ImageTiles {
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
   * (BT.601 weights) when the image is grey.
   */
  public static TileSink colorSink(Image image) {
    return (x, y, w, h, src, off, stride, plane) -> {
      int ch = image.channels();
      float max = image.maxValue();
      for (int row = 0; row < h; row++) {
        int s = off + row * stride;
        int d = image.index(x, y + row);
        for (int col = 0; col < w; col++, s++, d += ch) {
          float r = src[s];
          float g = src[s + plane];
          float b = src[s + 2 * plane];
          if (image.isGrey()) {
            image.setRaw(d, Math.round((0.299f * r + 0.587f * g + 0.114f * b) * max));
          } else {
            image.setRaw(d, Math.round(r * max));
            image.setRaw(d + 1, Math.round(g * max));
            image.setRaw(d + 2, Math.round(b * max));
          }
        }
      }
    };
  }

  /** Writes the mean of the three output planes into the alpha channel of {@code image}. */
  public static TileSink alphaSink(Image image) {
    if (!image.hasAlpha()) {
      throw new IllegalArgumentException("image has no alpha: " + image);
    }
    return (x, y, w, h, src, off, stride, plane) -> {
      int ch = image.channels();
      float max = image.maxValue();
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
      float inv = 1f / image.maxValue();
      boolean grey = alpha || image.isGrey();
      int first = alpha ? ch - 1 : 0;
      for (int row = 0; row < h; row++) {
        int s = image.index(x, y + row) + first;
        int d = offset + row * w;
        for (int col = 0; col < w; col++, s += ch, d++) {
          if (grey) {
            float v = image.raw(s) * inv;
            dst[d] = v;
            dst[d + plane] = v;
            dst[d + 2 * plane] = v;
          } else {
            dst[d] = image.raw(s) * inv;
            dst[d + plane] = image.raw(s + 1) * inv;
            dst[d + 2 * plane] = image.raw(s + 2) * inv;
          }
        }
      }
    }
  }
}
