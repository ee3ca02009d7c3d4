package io.upscaler.core.image;

import io.upscaler.core.ErrorClass;
import io.upscaler.core.UpscaleException;

/**
 * Refusal limits for one input image, checked before any raster is allocated.
 *
 * @param maxBytes largest encoded input accepted, in bytes
 * @param maxPixels largest decoded size accepted, in pixels (width × height, as declared by the
 *     header)
 */
public record DecodeLimits(long maxBytes, long maxPixels) {
  /** 256 MiB of encoded bytes and 100 megapixels (an 8-bit RGBA raster of 400 MB). */
  public static final DecodeLimits DEFAULT = new DecodeLimits(256L << 20, 100_000_000L);

  public DecodeLimits {
    if (maxBytes <= 0 || maxPixels <= 0) {
      throw new IllegalArgumentException(
          "decode limits must be positive: maxBytes=" + maxBytes + ", maxPixels=" + maxPixels);
    }
  }

  /** @throws UpscaleException TOO_MANY_BYTES when {@code size} exceeds {@link #maxBytes()} */
  public void checkBytes(ImageFormat format, long size) throws UpscaleException {
    if (size > maxBytes) {
      throw new UpscaleException(ErrorClass.TOO_MANY_BYTES, String.format(
          "the %s input is %s (%,d bytes), over the limit of %s (%,d bytes)",
          format == null ? "image" : format.name(), human(size), size, human(maxBytes), maxBytes));
    }
  }

  /**
   * @throws UpscaleException TOO_MANY_PIXELS when the header declares more than {@link
   *     #maxPixels()} pixels, or more samples than one Java array can hold
   */
  public void checkPixels(ImageInfo info) throws UpscaleException {
    long samples = info.pixels() * info.channels();
    if (info.pixels() > maxPixels || samples > Image.MAX_SAMPLES) {
      throw new UpscaleException(ErrorClass.TOO_MANY_PIXELS, String.format(
          "the %s header declares %,d x %,d = %,d pixels, over the limit of %,d pixels",
          info.format().name(), info.width(), info.height(), info.pixels(),
          Math.min(maxPixels, Image.MAX_SAMPLES / info.channels())));
    }
  }

  /**
   * Checks a size a header declared before its data ran out: a huge declared size is reported as
   * TOO_MANY_PIXELS even when the file is also truncated (the size is the first thing wrong).
   */
  public void checkDeclared(NeedMoreBytesException e) throws UpscaleException {
    long w = e.declaredWidth();
    long h = e.declaredHeight();
    if (w > 0 && h > 0 && w > maxPixels / h) {
      throw new UpscaleException(ErrorClass.TOO_MANY_PIXELS, String.format(
          "the %s header declares %,d x %,d pixels, over the limit of %,d pixels",
          e.format().name(), w, h, maxPixels), e);
    }
  }

  private static String human(long bytes) {
    return bytes >= 1L << 20 ? String.format("%.1f MiB", bytes / (double) (1L << 20))
        : String.format("%.1f KiB", bytes / 1024.0);
  }
}
