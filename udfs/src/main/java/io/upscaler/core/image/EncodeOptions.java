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
 * @param pngCompression PNG zlib level, 0 (stored) to 9 (smallest, slowest)
 * @param webpMethod WebP encoder effort (libwebp's method), 0 (fastest) to 6 (smallest)
 */
public record EncodeOptions(
    ImageFormat format, int quality, boolean lossless, MetadataPolicy metadata,
    int pngCompression, int webpMethod) implements java.io.Serializable {
  public static final int DEFAULT_QUALITY = 85;
  /**
   * Fast deflate: ~27 ms per output megapixel on one core here, where level 6 takes ~185 ms for
   * files 16 % smaller (BENCHMARKS.md, "Encoders").
   */
  public static final int DEFAULT_PNG_COMPRESSION = PngWriter.DEFAULT_LEVEL;
  /**
   * libwebp's fastest method: ~18 ms per output megapixel on one core here, where its own default
   * (4) takes ~69 ms for files ~25 % smaller (BENCHMARKS.md, "Encoders").
   */
  public static final int DEFAULT_WEBP_METHOD = 0;

  /** With the default PNG compression and WebP method. */
  public EncodeOptions(ImageFormat format, int quality, boolean lossless, MetadataPolicy metadata) {
    this(format, quality, lossless, metadata, DEFAULT_PNG_COMPRESSION, DEFAULT_WEBP_METHOD);
  }

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
    if (pngCompression < 0 || pngCompression > 9) {
      throw new IllegalArgumentException("PNG compression must be 0..9: " + pngCompression);
    }
    if (webpMethod < 0 || webpMethod > 6) {
      throw new IllegalArgumentException("WebP method must be 0..6: " + webpMethod);
    }
  }

  /** Quality 85, lossy, metadata kept. */
  public static EncodeOptions of(ImageFormat format) {
    return new EncodeOptions(format, DEFAULT_QUALITY, false, MetadataPolicy.KEEP);
  }

  public EncodeOptions withQuality(int value) {
    return new EncodeOptions(format, value, lossless, metadata, pngCompression, webpMethod);
  }

  public EncodeOptions withLossless(boolean value) {
    return new EncodeOptions(format, quality, value, metadata, pngCompression, webpMethod);
  }

  public EncodeOptions withMetadata(MetadataPolicy value) {
    return new EncodeOptions(format, quality, lossless, value, pngCompression, webpMethod);
  }

  public EncodeOptions withPngCompression(int value) {
    return new EncodeOptions(format, quality, lossless, metadata, value, webpMethod);
  }

  public EncodeOptions withWebpMethod(int value) {
    return new EncodeOptions(format, quality, lossless, metadata, pngCompression, value);
  }
}
