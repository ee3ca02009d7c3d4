package io.upscaler.core.image;

/**
 * How to encode one output image. Immutable and serializable-friendly (plain values).
 *
 * @param format output format; must be writable (JPEG, PNG, WebP, TIFF). Resolve "auto" first
 *     with {@link AutoFormat#choose}.
 * @param quality 1..100 for lossy JPEG and WebP (ignored by PNG, TIFF and lossless WebP)
 * @param lossless WebP only: lossless instead of lossy (PNG and TIFF are always lossless, JPEG
 *     never is)
 * @param metadata keep EXIF and mark sRGB, or strip
 */
public record EncodeOptions(
    ImageFormat format, int quality, boolean lossless, MetadataPolicy metadata)
    implements java.io.Serializable {
  public static final int DEFAULT_QUALITY = 85;

  public EncodeOptions {
    if (format == null || !format.canWrite()) {
      throw new IllegalArgumentException(
          "output format must be one of jpeg, png, webp, tiff: " + format);
    }
    if (quality < 1 || quality > 100) {
      throw new IllegalArgumentException("quality must be 1..100: " + quality);
    }
    if (metadata == null) {
      throw new IllegalArgumentException("metadata policy must be given");
    }
  }

  /** Quality 85, lossy, metadata kept. */
  public static EncodeOptions of(ImageFormat format) {
    return new EncodeOptions(format, DEFAULT_QUALITY, false, MetadataPolicy.KEEP);
  }

  public EncodeOptions withQuality(int value) {
    return new EncodeOptions(format, value, lossless, metadata);
  }

  public EncodeOptions withLossless(boolean value) {
    return new EncodeOptions(format, quality, value, metadata);
  }

  public EncodeOptions withMetadata(MetadataPolicy value) {
    return new EncodeOptions(format, quality, lossless, value);
  }
}
