package io.upscaler.core.image;

/**
 * What an image's header says, read without decoding pixels.
 *
 * @param format detected from the bytes, never from a file name
 * @param width displayed width (after EXIF orientation, so a rotated phone photo reports its
 *     upright size)
 * @param height displayed height (after EXIF orientation)
 * @param channels channels the decoded image will have: 1 grey, 2 grey+alpha, 3 RGB, 4 RGBA
 * @param bitDepth bits per sample of the decoded image: 8 or 16
 * @param hasAlpha whether the image carries transparency (alpha channel or palette tRNS)
 */
public record ImageInfo(
    ImageFormat format, int width, int height, int channels, int bitDepth, boolean hasAlpha)
    implements java.io.Serializable {

  /** width × height as a long (never overflows). */
  public long pixels() {
    return (long) width * height;
  }
}
