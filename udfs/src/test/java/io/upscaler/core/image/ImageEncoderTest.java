package io.upscaler.core.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.upscaler.core.UpscaleException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ImageEncoderTest {
  private static final ImageEncoder ENCODER = new ImageEncoder();
  private static final ImageDecoder DECODER = new ImageDecoder();

  private static DecodedImage roundTrip(Image img, EncodeOptions options) throws UpscaleException {
    EncodedImage out = ENCODER.encode(img, options);
    assertEquals(options.format(), DECODER.probe(out.bytes()).format(), "sniffed format");
    return DECODER.decode(out.bytes(), DecodeLimits.DEFAULT);
  }

  @ParameterizedTest(name = "{0} {1}-bit, {2} channels")
  @CsvSource({
    "PNG, 8, 1", "PNG, 8, 2", "PNG, 8, 3", "PNG, 8, 4",
    "PNG, 16, 1", "PNG, 16, 2", "PNG, 16, 3", "PNG, 16, 4",
    "TIFF, 8, 1", "TIFF, 8, 2", "TIFF, 8, 3", "TIFF, 8, 4",
    "TIFF, 16, 1", "TIFF, 16, 2", "TIFF, 16, 3", "TIFF, 16, 4"
  })
  void losslessFormatsRoundTripExactlyAtTheirOwnDepth(ImageFormat format, int bits, int channels)
      throws UpscaleException {
    Image img = TestImages.gradient(37, 23, channels, bits);
    DecodedImage back = roundTrip(img, EncodeOptions.of(format));
    assertTrue(TestImages.identical(img, back.image()), "samples changed: " + back.image());
    assertEquals(bits, back.info().bitDepth());
  }

  @ParameterizedTest(name = "WebP lossless {1}-bit, {0} channels")
  @CsvSource({"3, 8", "4, 8", "1, 8", "2, 8", "3, 16", "4, 16"})
  void webpLosslessKeepsEightBitSamplesAndAlpha(int channels, int bits) throws UpscaleException {
    Image img = TestImages.gradient(40, 30, channels, bits);
    DecodedImage back = roundTrip(img, EncodeOptions.of(ImageFormat.WEBP).withLossless(true));
    Image expected = PixelOps.greyToRgb(PixelOps.to8Bit(img));
    assertTrue(TestImages.identical(expected, back.image()), "WebP lossless changed samples");
  }

  @ParameterizedTest(name = "{0} quality {1}, {2} channels")
  @CsvSource({
    "JPEG, 85, 3, 2", "JPEG, 95, 1, 1", "JPEG, 50, 3, 3",
    "WEBP, 90, 3, 3", "WEBP, 90, 4, 3", "WEBP, 75, 3, 4.5"
  })
  void lossyFormatsStayCloseToTheInput(ImageFormat format, int quality, int channels,
      double tolerance) throws UpscaleException {
    Image img = TestImages.gradient(64, 48, channels, 8);
    DecodedImage back = roundTrip(img, EncodeOptions.of(format).withQuality(quality));
    assertEquals(channels, back.image().channels(), "layout");
    assertEquals(img.width(), back.image().width());
    double diff = TestImages.meanDiff(img, back.image());
    assertTrue(diff <= tolerance, format + " differs on average by " + diff);
  }
}
