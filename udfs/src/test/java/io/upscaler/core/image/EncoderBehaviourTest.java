package io.upscaler.core.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.upscaler.core.ErrorClass;
import io.upscaler.core.UpscaleException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/** Encoder policies: metadata, alpha on JPEG, bit depth reduction, limits, auto format. */
class EncoderBehaviourTest {
  private static final ImageEncoder ENCODER = new ImageEncoder();
  private static final ImageDecoder DECODER = new ImageDecoder();

  private static DecodedImage rotatedPhoto() throws UpscaleException {
    return DECODER.decode(TestImages.corpus("jpeg/orientation-6.jpg"), DecodeLimits.DEFAULT);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({"JPEG", "PNG", "WEBP"})
  void keepCarriesExifWithOrientationResetSoViewersDoNotRotateAgain(ImageFormat format)
      throws UpscaleException {
    DecodedImage in = rotatedPhoto();
    EncodedImage out = ENCODER.encode(in.image(), in.exif(), EncodeOptions.of(format));
    assertTrue(out.exifWritten());
    DecodedImage back = DECODER.decode(out.bytes(), DecodeLimits.DEFAULT);
    assertNotNull(back.exif(), "EXIF readable from the " + format + " output");
    assertEquals(1, Exif.orientation(back.exif()));
    assertEquals(64, back.info().width(), "not rotated a second time");
    TestImages.assertQuadrants(back.image(), TestImages.QUAD_RGB, 10, format.name());
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(value = ImageFormat.class, names = {"JPEG", "PNG", "WEBP", "TIFF"})
  void stripWritesNoExif(ImageFormat format) throws UpscaleException {
    DecodedImage in = rotatedPhoto();
    EncodedImage out = ENCODER.encode(in.image(), in.exif(),
        EncodeOptions.of(format).withMetadata(MetadataPolicy.STRIP));
    assertFalse(out.exifWritten());
    assertNull(DECODER.decode(out.bytes(), DecodeLimits.DEFAULT).exif());
    assertFalse(contains(out.bytes(), "Exif") || contains(out.bytes(), "eXIf")
        || contains(out.bytes(), "sRGB"));
  }

  @Test
  void keepMarksPngAsSrgbAndNeverEmbedsAForeignProfile() throws UpscaleException {
    DecodedImage in = DECODER.decode(TestImages.corpus("png/adobergb.png"), DecodeLimits.DEFAULT);
    byte[] png = ENCODER.encode(in.image(), in.exif(), EncodeOptions.of(ImageFormat.PNG)).bytes();
    assertTrue(contains(png, "sRGB"));
    assertFalse(contains(png, "iCCP"));
    DecodedImage back = DECODER.decode(png, DecodeLimits.DEFAULT);
    assertFalse(back.iccConverted(), "already sRGB: no second conversion");
    assertTrue(TestImages.identical(in.image(), back.image()));
  }

  @Test
  void exifPixelDimensionsFollowTheOutputSize() {
    byte[] exif = TiffBlocks.exifWithPixelSize(6, 640, 480);
    byte[] out = Exif.forOutput(exif, 2560, 1920);
    assertEquals(1, Exif.orientation(out));
    assertArrayEquals(new long[] {2560, 1920}, TiffBlocks.pixelSize(out));
    assertEquals(6, Exif.orientation(exif), "the input block is not modified");
  }

  @Test
  void jpegCompositesAlphaOnWhiteAndSaysSo() throws UpscaleException {
    DecodedImage in = DECODER.decode(TestImages.corpus("png/rgba.png"), DecodeLimits.DEFAULT);
    EncodedImage out = ENCODER.encode(in.image(), EncodeOptions.of(ImageFormat.JPEG)
        .withQuality(95));
    assertTrue(out.alphaFlattened());
    Image back = DECODER.decode(out.bytes(), DecodeLimits.DEFAULT).image();
    assertEquals(3, back.channels());
    // bottom-right: white at 50% alpha over white is white; others opaque, unchanged
    TestImages.assertQuadrants(back, TestImages.QUAD_RGB, 4, "flattened");
    Image black = Image.allocate(8, 8, 4, 8);
    for (int i = 0; i < 64; i++) {
      black.setRaw(i * 4 + 3, 128); // black at ~50% alpha over white: mid grey
    }
    Image grey = DECODER.decode(ENCODER.encode(black, EncodeOptions.of(ImageFormat.JPEG)
        .withQuality(100)).bytes(), DecodeLimits.DEFAULT).image();
    assertTrue(Math.abs(grey.raw(0) - 127) <= 2, "got " + grey.raw(0));
  }

  @Test
  void greyJpegStaysGreyAndGreyAlphaFlattensToGrey() throws UpscaleException {
    for (int channels : new int[] {1, 2}) {
      Image img = TestImages.gradient(32, 32, channels, 8);
      EncodedImage out = ENCODER.encode(img, EncodeOptions.of(ImageFormat.JPEG));
      assertEquals(1, DECODER.probe(out.bytes()).channels());
    }
  }

  @Test
  void sixteenBitIsRoundedToEightWhereTheFormatCannotHoldIt() throws UpscaleException {
    Image img = Image.allocate(2, 1, 1, 16);
    img.setRaw(0, 0x8080); // 32896 * 255 / 65535 = 128.0
    img.setRaw(1, 0x807F); // 127.998 -> 128 (rounded, not truncated to 127)
    EncodedImage out = ENCODER.encode(img, EncodeOptions.of(ImageFormat.WEBP).withLossless(true));
    assertEquals(8, out.bitDepth());
    Image back = DECODER.decode(out.bytes(), DecodeLimits.DEFAULT).image();
    assertEquals(128, back.raw(0));
    assertEquals(128, back.raw(3));
    assertEquals(16, ENCODER.encode(img, EncodeOptions.of(ImageFormat.PNG)).bitDepth());
    assertEquals(16, ENCODER.encode(img, EncodeOptions.of(ImageFormat.TIFF)).bitDepth());
    assertEquals(8, ENCODER.encode(img, EncodeOptions.of(ImageFormat.JPEG)).bitDepth());
  }

  @Test
  void higherJpegQualityMeansMoreBytes() throws UpscaleException {
    Image img = DECODER.decode(TestImages.corpus("png/rgb16.png"), DecodeLimits.DEFAULT).image();
    Image noisy = TestImages.gradient(96, 64, 3, 8);
    int low = ENCODER.encode(noisy, EncodeOptions.of(ImageFormat.JPEG).withQuality(10))
        .bytes().length;
    int high = ENCODER.encode(noisy, EncodeOptions.of(ImageFormat.JPEG).withQuality(100))
        .bytes().length;
    assertTrue(high > low, low + " vs " + high);
    assertNotNull(img);
  }

  @Test
  void webpRefusesImagesLargerThanItsFormatAllows() {
    Image wide = Image.allocate(16_384, 1, 3, 8);
    UpscaleException e = assertThrows(UpscaleException.class,
        () -> ENCODER.encode(wide, EncodeOptions.of(ImageFormat.WEBP)));
    assertEquals(ErrorClass.ENCODE_FAILED, e.errorClass());
    assertTrue(e.getMessage().contains("16,383"), e.getMessage());
  }

  @Test
  void optionsAreValidated() {
    assertThrows(IllegalArgumentException.class, () -> EncodeOptions.of(ImageFormat.BMP));
    assertThrows(IllegalArgumentException.class,
        () -> EncodeOptions.of(ImageFormat.JPEG).withQuality(0));
    assertThrows(IllegalArgumentException.class,
        () -> EncodeOptions.of(ImageFormat.JPEG).withQuality(101));
    assertEquals(85, EncodeOptions.of(ImageFormat.JPEG).quality());
  }

  @ParameterizedTest(name = "{0}, alpha {1} -> {2}")
  @CsvSource({
    "JPEG, false, JPEG", "JPEG, true, PNG", "PNG, false, PNG", "PNG, true, PNG",
    "WEBP, false, WEBP", "WEBP, true, WEBP", "TIFF, false, TIFF", "TIFF, true, TIFF",
    "BMP, false, PNG", "GIF, true, PNG", "GIF, false, PNG", "PSD, true, PNG"
  })
  void autoKeepsWritableFormatsAndSendsTheRestToPng(ImageFormat in, boolean alpha,
      ImageFormat expected) {
    assertEquals(expected, AutoFormat.choose(in, alpha));
  }

  private static boolean contains(byte[] haystack, String needle) {
    return new String(haystack, StandardCharsets.ISO_8859_1).contains(needle);
  }
}
