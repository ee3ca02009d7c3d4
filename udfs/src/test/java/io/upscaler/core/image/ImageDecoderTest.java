package io.upscaler.core.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.upscaler.core.UpscaleException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ImageDecoderTest {
  private static final ImageDecoder DECODER = new ImageDecoder();
  private static final int[][] GREY = {{54}, {182}, {18}, {255}};
  /** Bottom-right quadrant is half transparent (ImageMagick's gray50 = 127 or 128). */
  private static final int HALF = 127;

  private static DecodedImage decode(String path) throws UpscaleException {
    byte[] bytes = TestImages.corpus(path);
    DecodedImage d = DECODER.decode(bytes, DecodeLimits.DEFAULT);
    assertEquals(DECODER.probe(bytes), d.info(), "probe and decode agree on " + path);
    assertEquals(d.info().width(), d.image().width());
    assertEquals(d.info().height(), d.image().height());
    assertEquals(d.info().channels(), d.image().channels());
    assertEquals(d.info().bitDepth(), d.image().bitDepth());
    return d;
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "jpeg/baseline.jpg, JPEG, 4", "jpeg/progressive.jpg, JPEG, 4", "jpeg/ycck.jpg, JPEG, 4",
    "jpeg/cmyk-adobe.jpg, JPEG, 4",
    "png/rgb.png, PNG, 0", "png/palette.png, PNG, 0", "png/interlaced.png, PNG, 0",
    "webp/lossy.webp, WEBP, 4", "webp/lossless.webp, WEBP, 0",
    "tiff/rgb-lzw.tif, TIFF, 0", "tiff/rgb-deflate.tif, TIFF, 0", "tiff/cmyk.tif, TIFF, 1",
    "tiff/palette.tif, TIFF, 0",
    "bmp/rgb24.bmp, BMP, 0", "bmp/palette8.bmp, BMP, 0", "bmp/rle8.bmp, BMP, 0",
    "gif/opaque.gif, GIF, 0", "gif/animated.gif, GIF, 0",
    "psd/rgb.psd, PSD, 0", "psd/cmyk.psd, PSD, 1"
  })
  void opaqueColourImagesDecodeToRgbWithTheRightQuadrants(String path, ImageFormat format,
      int tolerance) throws UpscaleException {
    DecodedImage d = decode(path);
    assertEquals(new ImageInfo(format, 64, 48, 3, 8, false), d.info());
    TestImages.assertQuadrants(d.image(), TestImages.QUAD_RGB, tolerance, path);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "png/rgba.png, PNG, 0", "webp/lossless-alpha.webp, WEBP, 0", "webp/lossy-alpha.webp, WEBP, 4",
    "tiff/rgba.tif, TIFF, 0", "bmp/rgba32.bmp, BMP, 0", "psd/rgba.psd, PSD, 0"
  })
  void alphaChannelsSurvive(String path, ImageFormat format, int tolerance)
      throws UpscaleException {
    DecodedImage d = decode(path);
    assertEquals(new ImageInfo(format, 64, 48, 4, 8, true), d.info());
    int[][] expected = {{255, 0, 0, 255}, {0, 255, 0, 255}, {0, 0, 255, 255},
        {255, 255, 255, HALF}};
    TestImages.assertQuadrants(d.image(), expected, tolerance + 1, path);
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"png/palette-trns.png", "gif/transparent.gif"})
  void paletteTransparencyBecomesRgba(String path) throws UpscaleException {
    DecodedImage d = decode(path);
    assertEquals(4, d.info().channels());
    assertTrue(d.info().hasAlpha());
    int[][] expected = {{255, 0, 0, 255}, {0, 255, 0, 255}, {0, 0, 255, 255}, {0, 0, 0, 0}};
    int[] br = TestImages.quadrant(d.image(), 3);
    assertEquals(0, br[3], "bottom-right is transparent");
    expected[3] = br; // colour under full transparency is unspecified
    TestImages.assertQuadrants(d.image(), expected, 0, path);
  }

  @Test
  void rgbColourKeyBecomesAlpha() throws UpscaleException {
    DecodedImage d = decode("png/rgb-trns.png");
    assertEquals(new ImageInfo(ImageFormat.PNG, 64, 48, 4, 8, true), d.info());
    assertArrayEquals(new int[] {0, 0, 255, 0}, TestImages.quadrant(d.image(), 2));
    assertArrayEquals(new int[] {255, 0, 0, 255}, TestImages.quadrant(d.image(), 0));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "jpeg/grey.jpg, JPEG, 2", "png/grey.png, PNG, 0", "tiff/grey.tif, TIFF, 0",
    "psd/grey.psd, PSD, 0"
  })
  void greyStaysGrey(String path, ImageFormat format, int tolerance) throws UpscaleException {
    DecodedImage d = decode(path);
    assertEquals(new ImageInfo(format, 64, 48, 1, 8, false), d.info());
    TestImages.assertQuadrants(d.image(), GREY, tolerance, path);
  }

  @Test
  void greyWithAlphaStaysGreyWithAlpha() throws UpscaleException {
    DecodedImage d = decode("png/grey-alpha.png");
    assertEquals(new ImageInfo(ImageFormat.PNG, 64, 48, 2, 8, true), d.info());
    int[][] expected = {{54, 255}, {182, 255}, {18, 255}, {255, HALF}};
    TestImages.assertQuadrants(d.image(), expected, 1, "grey-alpha");
  }

  @Test
  void oneBitGreyExpandsToFullRange() throws UpscaleException {
    DecodedImage d = decode("png/grey-1bit.png");
    assertEquals(1, d.info().channels());
    TestImages.assertQuadrants(d.image(), new int[][] {{0}, {255}, {0}, {255}}, 0, "1-bit");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "png/rgb16.png, 3", "png/rgba16.png, 4", "tiff/rgb16.tif, 3", "tiff/rgba16.tif, 4",
    "psd/rgb16.psd, 3"
  })
  void sixteenBitSamplesStayExact(String path, int channels) throws UpscaleException {
    DecodedImage d = decode(path);
    assertEquals(16, d.info().bitDepth());
    assertEquals(channels, d.info().channels());
    int[] br = TestImages.quadrant(d.image(), 3);
    assertArrayEquals(new int[] {0x1234, 0x5678, 0x9ABC}, java.util.Arrays.copyOf(br, 3));
    assertArrayEquals(new int[] {0xFFFF, 0, 0}, java.util.Arrays.copyOf(
        TestImages.quadrant(d.image(), 0), 3));
  }

  @Test
  void sixteenBitGreyStaysSixteenBitGrey() throws UpscaleException {
    DecodedImage d = decode("png/grey16.png");
    assertEquals(new ImageInfo(ImageFormat.PNG, 64, 48, 1, 16, false), d.info());
    int[][] q = {TestImages.quadrant(d.image(), 0), TestImages.quadrant(d.image(), 1),
        TestImages.quadrant(d.image(), 2), TestImages.quadrant(d.image(), 3)};
    assertArrayEquals(new int[][] {{0}, {0x1234}, {0xFFFF}, {0x8000}}, q);
  }

  @ParameterizedTest(name = "orientation {0}")
  @ValueSource(ints = {1, 2, 3, 4, 5, 6, 7, 8})
  void exifOrientedJpegsComeOutUpright(int orientation) throws UpscaleException {
    byte[] bytes = TestImages.corpus("jpeg/orientation-" + orientation + ".jpg");
    DecodedImage d = decode("jpeg/orientation-" + orientation + ".jpg");
    assertEquals(64, d.info().width(), "upright width");
    assertEquals(48, d.info().height(), "upright height");
    TestImages.assertQuadrants(d.image(), TestImages.QUAD_RGB, 6, "orientation " + orientation);
    assertNotNull(d.exif(), "EXIF kept for the encoder");
    assertEquals(orientation, Exif.orientation(d.exif()), "EXIF block is untouched");
    assertTrue(bytes.length > 0);
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"png/orientation-6.png", "webp/orientation-6.webp",
      "tiff/orientation-6.tif"})
  void orientationIsAppliedInEveryFormatThatCarriesIt(String path) throws UpscaleException {
    DecodedImage d = decode(path);
    assertEquals(64, d.info().width());
    assertEquals(48, d.info().height());
    TestImages.assertQuadrants(d.image(), TestImages.QUAD_RGB, 0, path);
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"jpeg/adobergb.jpg", "png/adobergb.png", "tiff/adobergb.tif",
      "webp/adobergb.webp"})
  void adobeRgbProfilesAreConvertedToSrgb(String path) throws UpscaleException {
    DecodedImage d = decode(path);
    assertTrue(d.iccConverted(), "reported as converted");
    // The files store (200,100,50) (50,150,100) (60,80,200) (128,128,128) in Adobe RGB (1998);
    // ImageMagick's LCMS converts them to these sRGB values.
    int[][] srgb = {{227, 100, 42}, {0, 151, 97}, {46, 79, 205}, {129, 129, 129}};
    TestImages.assertQuadrants(d.image(), srgb, path.endsWith(".jpg") ? 3 : 1, path);
  }

  @Test
  void sixteenBitImagesAreColourConvertedAtSixteenBits() throws UpscaleException {
    DecodedImage png = decode("png/adobergb16.png");
    assertEquals(16, png.info().bitDepth());
    assertTrue(png.iccConverted());
    int[][] srgb = {{227, 100, 42}, {0, 151, 97}, {46, 79, 205}, {129, 129, 129}};
    TestImages.assertQuadrants(png.image(), srgb, 1, "16-bit Adobe RGB PNG");
    // A 16-bit CMYK TIFF holding the (0x1234, 0x5678, 0x9ABC) quadrant as CMYK: the conversion
    // keeps more than 8 bits of precision.
    DecodedImage cmyk = decode("tiff/cmyk16.tif");
    assertEquals(new ImageInfo(ImageFormat.TIFF, 64, 48, 3, 16, false), cmyk.info());
    int[] br = TestImages.quadrant(cmyk.image(), 3);
    int[] expected = {0x1234, 0x5678, 0x9ABC};
    for (int c = 0; c < 3; c++) {
      assertTrue(Math.abs(br[c] - expected[c]) < 64, "16-bit CMYK came out " + br[c]);
    }
  }

  @Test
  void greyWithAGreyProfileIsConvertedAndStaysGrey() throws UpscaleException {
    DecodedImage d = decode("png/grey-lstar-profile.png");
    assertEquals(1, d.info().channels());
    assertTrue(d.iccConverted());
    // Stored 0, 64, 128, 255 in an L* profile; ImageMagick's LCMS gives these sRGB greys.
    TestImages.assertQuadrants(d.image(), new int[][] {{0}, {60}, {119}, {255}}, 1, "L* grey");
  }

  @Test
  void imagesWithoutProfilesAreNotColourConverted() throws UpscaleException {
    DecodedImage d = decode("png/rgb.png");
    assertFalse(d.iccConverted());
  }

  @Test
  void animatedWebpDecodesToItsFirstFrameOnTheCanvas() throws UpscaleException {
    DecodedImage full = decode("webp/animated.webp");
    assertEquals(new ImageInfo(ImageFormat.WEBP, 64, 48, 3, 8, false), full.info());
    TestImages.assertQuadrants(full.image(), new int[][] {{255, 0, 0}, {255, 0, 0}, {255, 0, 0},
        {255, 0, 0}}, 4, "first frame is red");
    // first frame 32x24 at (10, 10): blue inside, transparent around it
    DecodedImage offset = decode("webp/animated-offset-frame.webp");
    assertEquals(new ImageInfo(ImageFormat.WEBP, 64, 48, 4, 8, true), offset.info());
    Image img = offset.image();
    assertEquals(0, img.raw(img.index(9, 9) + 3));
    assertEquals(255, img.raw(img.index(10, 10) + 3));
    assertEquals(255, img.raw(img.index(41, 33) + 3));
    assertEquals(0, img.raw(img.index(42, 34) + 3));
    assertTrue(img.raw(img.index(20, 20) + 2) > 240, "blue frame");
  }

  @Test
  void gifFirstFrameIsPlacedOnItsLogicalScreen() throws UpscaleException {
    DecodedImage d = decode("gif/offset-frame.gif");
    assertEquals(new ImageInfo(ImageFormat.GIF, 64, 48, 4, 8, true), d.info());
    Image img = d.image();
    assertArrayEquals(new int[] {255, 0, 0, 255}, TestImages.quadrant(img, 0));
    assertEquals(0, img.raw(img.index(0, 0) + 3), "outside the frame is transparent");
    assertEquals(255, img.raw(img.index(47, 35) + 3), "frame covers 16..47 x 12..35");
    assertEquals(0, img.raw(img.index(48, 36) + 3));
  }
}
