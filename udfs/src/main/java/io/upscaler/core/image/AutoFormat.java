package io.upscaler.core.image;

/**
 * The "auto" output format, as a pure function of the input: keep the input's format when it can
 * be written and can hold the image (JPEG, PNG, WebP, TIFF); an image with alpha whose input
 * format can't hold it goes to PNG; anything else (BMP, GIF, PSD) goes to PNG.
 */
public final class AutoFormat {
  private AutoFormat() {}

  /**
   * @param input the format the image was decoded from
   * @param hasAlpha whether the output image has an alpha channel
   */
  public static ImageFormat choose(ImageFormat input, boolean hasAlpha) {
    if (input == null || !input.canWrite()) {
      return ImageFormat.PNG;
    }
    if (hasAlpha && input == ImageFormat.JPEG) {
      return ImageFormat.PNG;
    }
    return input;
  }
}
