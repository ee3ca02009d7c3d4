package io.upscaler.core.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.upscaler.core.ErrorClass;
import io.upscaler.core.UpscaleException;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every kind of bad input ends as an UpscaleException with its own class, never worse. */
class HostileInputTest {
  private static final ImageDecoder DECODER = new ImageDecoder();

  private static UpscaleException decodeFails(byte[] bytes, ErrorClass expected) {
    UpscaleException e = assertThrows(UpscaleException.class,
        () -> DECODER.decode(bytes, DecodeLimits.DEFAULT));
    assertEquals(expected, e.errorClass(), e.getMessage());
    assertTrue(e.getMessage() != null && e.getMessage().length() > 15, "a readable message");
    return e;
  }

  @Test
  void zeroBytesIsAnEmptyImage() {
    decodeFails(new byte[0], ErrorClass.EMPTY_IMAGE);
    UpscaleException e = assertThrows(UpscaleException.class, () -> DECODER.probe(new byte[0]));
    assertEquals(ErrorClass.EMPTY_IMAGE, e.errorClass());
  }

  @Test
  void anHtmlErrorPageNamedJpgIsUnsupportedAndSaysWhatItIs() {
    byte[] page = "<!DOCTYPE html><html><body>403 Forbidden</body></html>"
        .getBytes(StandardCharsets.UTF_8);
    UpscaleException e = decodeFails(page, ErrorClass.UNSUPPORTED_FORMAT);
    assertTrue(e.getMessage().contains("HTML"), e.getMessage());
    UpscaleException text = decodeFails("just some notes\nin a text file\n"
        .getBytes(StandardCharsets.UTF_8), ErrorClass.UNSUPPORTED_FORMAT);
    assertTrue(text.getMessage().contains("text"), text.getMessage());
  }

  @Test
  void otherFormatsAreNamed() {
    byte[] heic = {0, 0, 0, 0x18, 'f', 't', 'y', 'p', 'h', 'e', 'i', 'c', 0, 0, 0, 0};
    assertTrue(decodeFails(heic, ErrorClass.UNSUPPORTED_FORMAT).getMessage().contains("HEIF"));
    byte[] pdf = "%PDF-1.7\n%\u00e2\u00e3".getBytes(StandardCharsets.ISO_8859_1);
    assertTrue(decodeFails(pdf, ErrorClass.UNSUPPORTED_FORMAT).getMessage().contains("PDF"));
    byte[] random = new byte[4096];
    new Random(7).nextBytes(random);
    random[0] = 0x13; // not any magic
    decodeFails(random, ErrorClass.UNSUPPORTED_FORMAT);
  }

  @Test
  void aPngDeclaring100000By100000IsRefusedBeforeAllocating() throws UpscaleException {
    byte[] png = Crafted.png(100_000, 100_000, 6, 8, 16);
    ImageInfo info = DECODER.probe(png);
    assertEquals(100_000, info.width());
    UpscaleException e = decodeFails(png, ErrorClass.TOO_MANY_PIXELS);
    assertTrue(e.getMessage().contains("100,000 x 100,000"), e.getMessage());
    assertTrue(e.getMessage().contains("PNG"), e.getMessage());
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"jpeg", "gif", "bmp", "tiff", "webp", "psd", "png-16"})
  void hugeDeclaredSizesInEveryFormatAreRefused(String kind) {
    decodeFails(hugeHeader(kind), ErrorClass.TOO_MANY_PIXELS);
  }

  private static byte[] hugeHeader(String kind) {
    switch (kind) {
      case "jpeg": {
        byte[] b = TestImages.corpus("jpeg/baseline.jpg");
        int sof = Crafted.jpegMarker(b, 0xC0);
        Crafted.put(b, sof + 5, 65_535, 2, true);
        Crafted.put(b, sof + 7, 65_535, 2, true);
        return b;
      }
      case "gif": {
        byte[] b = TestImages.corpus("gif/opaque.gif");
        Arrays.fill(b, 6, 10, (byte) 0xFF);
        return b;
      }
      case "bmp": {
        byte[] b = TestImages.corpus("bmp/rgb24.bmp");
        Crafted.put(b, 18, 1_000_000, 4, false);
        Crafted.put(b, 22, -1_000_000, 4, false);
        return b;
      }
      case "tiff": {
        byte[] b = TestImages.corpus("tiff/rgb-lzw.tif");
        Crafted.patchTiffTag(b, 256, 60_000);
        Crafted.patchTiffTag(b, 257, 60_000);
        return b;
      }
      case "webp": {
        byte[] b = TestImages.corpus("webp/lossless.webp");
        Crafted.put(b, 21, 0x0FFF_FFFFL | (b[24] & 0xF0L) << 24, 4, false);
        return b;
      }
      case "psd": {
        byte[] b = TestImages.corpus("psd/rgb.psd");
        Crafted.put(b, 14, 30_000, 4, true);
        Crafted.put(b, 18, 30_000, 4, true);
        return b;
      }
      default:
        return Crafted.png(20_000, 20_000, 6, 16, 64);
    }
  }

  @Test
  void hugeButAllowedSizesStillNeverAllocateForTruncatedData() {
    // 9000 x 9000 RGBA is under a generous limit, but the file is cut: refused structurally.
    byte[] png = Crafted.png(9000, 9000, 6, 8, 16);
    byte[] cut = Arrays.copyOf(png, png.length - 12);
    UpscaleException e = assertThrows(UpscaleException.class,
        () -> DECODER.decode(cut, new DecodeLimits(1 << 20, 100_000_000)));
    assertEquals(ErrorClass.TRUNCATED_IMAGE, e.errorClass());
  }

  @Test
  void tooManyBytesIsRefusedFirst() {
    byte[] png = TestImages.corpus("png/rgb.png");
    UpscaleException e = assertThrows(UpscaleException.class,
        () -> DECODER.decode(png, new DecodeLimits(100, 1_000_000)));
    assertEquals(ErrorClass.TOO_MANY_BYTES, e.errorClass());
    assertTrue(e.getMessage().contains("PNG") && e.getMessage().contains("100 bytes"),
        e.getMessage());
  }

  @Test
  void aProgressiveScanBombIsRefused() {
    byte[] jpeg = TestImages.corpus("jpeg/progressive.jpg");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(jpeg, 0, jpeg.length - 2);
    for (int i = 0; i < 300; i++) {
      out.writeBytes(new byte[] {(byte) 0xFF, (byte) 0xDA, 0, 8, 1, 1, 0, 0, 0, 0, 0});
    }
    out.writeBytes(new byte[] {(byte) 0xFF, (byte) 0xD9});
    UpscaleException e = decodeFails(out.toByteArray(), ErrorClass.CORRUPT_IMAGE);
    assertTrue(e.getMessage().contains("scans"), e.getMessage());
  }

  @Test
  void absurdTiffCountsAreCorruptNotAnAllocation() {
    byte[] tiff = TestImages.corpus("tiff/rgb-lzw.tif");
    Crafted.patchTiffCount(tiff, 273, 1_000_000_000L);
    decodeFails(tiff, ErrorClass.CORRUPT_IMAGE);
  }

  @Test
  void invalidHeadersAreCorrupt() {
    decodeFails(Crafted.png(64, 48, 5, 8, 16), ErrorClass.CORRUPT_IMAGE); // colour type 5
    decodeFails(Crafted.png(0, 48, 2, 8, 16), ErrorClass.CORRUPT_IMAGE);
    byte[] bmp = TestImages.corpus("bmp/rgb24.bmp");
    Crafted.put(bmp, 22, Integer.MIN_VALUE, 4, false);
    decodeFails(bmp, ErrorClass.CORRUPT_IMAGE);
  }

  @Test
  void unsupportedVariantsOfSupportedFormatsSaySo() {
    byte[] jpeg = TestImages.corpus("jpeg/baseline.jpg");
    jpeg[Crafted.jpegMarker(jpeg, 0xC0) + 1] = (byte) 0xC9; // arithmetic coding
    assertTrue(decodeFails(jpeg, ErrorClass.UNSUPPORTED_FORMAT).getMessage()
        .contains("arithmetic"));
    byte[] twelveBit = TestImages.corpus("jpeg/baseline.jpg");
    twelveBit[Crafted.jpegMarker(twelveBit, 0xC0) + 4] = 12;
    assertTrue(decodeFails(twelveBit, ErrorClass.UNSUPPORTED_FORMAT).getMessage()
        .contains("12-bit"));
    byte[] psd = TestImages.corpus("psd/rgb.psd");
    Crafted.put(psd, 24, 9, 2, true); // Lab
    decodeFails(psd, ErrorClass.UNSUPPORTED_FORMAT);
  }

  @Test
  void aDamagedIccProfileIsIgnoredNotFatal() throws UpscaleException {
    byte[] png = TestImages.corpus("png/rgb.png");
    byte[] bogus = new byte[40];
    bogus[0] = 'x';
    byte[] withProfile = Crafted.withPngChunk(png, "iCCP", bogus);
    DecodedImage d = DECODER.decode(withProfile, DecodeLimits.DEFAULT);
    TestImages.assertQuadrants(d.image(), TestImages.QUAD_RGB, 0, "bogus iCCP");
  }
}
