package io.upscaler.job.report;

import io.upscaler.core.UpscaleException;
import io.upscaler.core.image.EncodeOptions;
import io.upscaler.core.image.Image;
import io.upscaler.core.image.ImageEncoder;
import io.upscaler.core.image.ImageFormat;
import io.upscaler.core.resize.Filter;
import io.upscaler.core.resize.Resampler;

/**
 * Makes a gallery pair from an input and its upscaled output: the central region of the output (at
 * most {@value #SIDE} pixels a side) and the same region of a bicubic upscale of the input, both
 * as JPEG. Only the input pixels under the region (plus the filter's reach) are resampled, so a
 * pair costs about a millisecond whatever the image size. Stateless and thread-safe.
 */
public final class Crops {
  /** Largest side of a crop, in output pixels. */
  public static final int SIDE = 192;
  static final int QUALITY = 85;
  /** Input pixels beyond the region that the cubic filter reads (its radius is 2). */
  private static final int MARGIN = 3;
  private static final ImageEncoder ENCODER = new ImageEncoder();

  private Crops() {}

  public static RunReport.GalleryPair pair(
      String id, int partition, String model, Image input, Image output) throws UpscaleException {
    int ow = output.width();
    int oh = output.height();
    double sx = (double) ow / input.width();
    double sy = (double) oh / input.height();
    int cw = Math.min(SIDE, ow);
    int ch = Math.min(SIDE, oh);
    int ox = (ow - cw) / 2;
    int oy = (oh - ch) / 2;
    int ix0 = Math.max(0, (int) Math.floor(ox / sx) - MARGIN);
    int iy0 = Math.max(0, (int) Math.floor(oy / sy) - MARGIN);
    int ix1 = Math.min(input.width(), (int) Math.ceil((ox + cw) / sx) + MARGIN);
    int iy1 = Math.min(input.height(), (int) Math.ceil((oy + ch) / sy) + MARGIN);
    Image region = copy(input, ix0, iy0, ix1 - ix0, iy1 - iy0);
    Image up = Resampler.resize(region, Math.max(1, (int) Math.round((ix1 - ix0) * sx)),
        Math.max(1, (int) Math.round((iy1 - iy0) * sy)), Filter.CUBIC, 8);
    int dx = Math.max(0, Math.min(up.width() - cw, ox - (int) Math.round(ix0 * sx)));
    int dy = Math.max(0, Math.min(up.height() - ch, oy - (int) Math.round(iy0 * sy)));
    Image before = copy(up, dx, dy, Math.min(cw, up.width()), Math.min(ch, up.height()));
    Image after = copy(output, ox, oy, cw, ch);
    return new RunReport.GalleryPair(id, partition, model, input.width(), input.height(), ow, oh,
        new int[] {ox, oy, cw, ch}, jpeg(before), jpeg(after));
  }

  /** The pixels of a rectangle of {@code src}, same channels and bit depth. */
  static Image copy(Image src, int x, int y, int w, int h) {
    Image dst = Image.allocate(w, h, src.channels(), src.bitDepth());
    int n = w * src.channels();
    for (int row = 0; row < h; row++) {
      int s = src.index(x, y + row);
      int d = dst.index(0, row);
      for (int i = 0; i < n; i++) {
        dst.setRaw(d + i, src.raw(s + i));
      }
    }
    return dst;
  }

  private static byte[] jpeg(Image image) throws UpscaleException {
    return ENCODER.encode(image, EncodeOptions.of(ImageFormat.JPEG).withQuality(QUALITY)).bytes();
  }
}
