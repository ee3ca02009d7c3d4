package io.upscaler.core.image;

/**
 * What a header parser learned: the image as stored (before EXIF orientation) and the side data
 * the decoder needs. Arrays are owned by the record; nobody mutates them.
 *
 * @param width stored width (before orientation)
 * @param height stored height (before orientation)
 * @param channels channels of the decoded image (see {@link ImageInfo#channels()})
 * @param bitDepth 8 or 16
 * @param orientation EXIF/TIFF orientation 1..8 (1 when absent or invalid)
 * @param exif TIFF-structured EXIF block, or null
 * @param iccProfile embedded ICC profile bytes, or null (only filled where the decoder itself
 *     must convert, and only in decode mode)
 * @param colorKey PNG tRNS colour key for grey (1 value) or RGB (3 values) at the stored bit
 *     depth, or null
 * @param frame GIF first-frame rectangle {left, top, width, height}, or null
 */
record Header(
    ImageFormat format,
    int width,
    int height,
    int channels,
    int bitDepth,
    boolean hasAlpha,
    int orientation,
    byte[] exif,
    byte[] iccProfile,
    int[] colorKey,
    int[] frame) {

  static Header of(ImageFormat format, long width, long height, int channels, int bitDepth,
      boolean hasAlpha) {
    return new Header(format, (int) width, (int) height, channels, bitDepth, hasAlpha, 1, null,
        null, null, null);
  }

  Header withOrientation(int value) {
    int o = value >= 1 && value <= 8 ? value : 1;
    return new Header(format, width, height, channels, bitDepth, hasAlpha, o, exif, iccProfile,
        colorKey, frame);
  }

  Header withExif(byte[] block) {
    Header h = new Header(format, width, height, channels, bitDepth, hasAlpha, orientation, block,
        iccProfile, colorKey, frame);
    return block == null ? h : h.withOrientation(Exif.orientation(block));
  }

  Header withIcc(byte[] profile) {
    return new Header(format, width, height, channels, bitDepth, hasAlpha, orientation, exif,
        profile, colorKey, frame);
  }

  Header withColorKey(int[] key) {
    return new Header(format, width, height, channels, bitDepth, hasAlpha, orientation, exif,
        iccProfile, key, frame);
  }

  Header withFrame(int[] rect) {
    return new Header(format, width, height, channels, bitDepth, hasAlpha, orientation, exif,
        iccProfile, colorKey, rect);
  }

  long pixels() {
    return (long) width * height;
  }

  /** The public view: upright size (orientation 5..8 swap width and height). */
  ImageInfo info() {
    boolean swap = orientation >= 5;
    return new ImageInfo(format, swap ? height : width, swap ? width : height, channels, bitDepth,
        hasAlpha);
  }
}
