package io.upscaler.core.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.upscaler.core.ErrorClass;
import io.upscaler.core.UpscaleException;
import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** probe() on prefixes: the full answer once the header is in, NeedMoreBytes before. */
class ProbePrefixTest {
  private static final ImageDecoder DECODER = new ImageDecoder();

  static java.util.List<String> corpus() {
    return Corpus.all();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("corpus")
  void everyPrefixEitherAnswersLikeTheWholeFileOrAsksForMore(String path)
      throws UpscaleException {
    byte[] whole = TestImages.corpus(path);
    ImageInfo full = DECODER.probe(whole);
    boolean answered = false;
    for (int n = 16; n <= whole.length; n++) {
      try {
        ImageInfo info = DECODER.probe(Arrays.copyOf(whole, n));
        assertEquals(full, info, path + " prefix " + n);
        answered = true;
      } catch (NeedMoreBytesException e) {
        if (answered) {
          fail(path + ": prefix " + n + " asks for more after a shorter one answered");
        }
        assertTrue(e.bytesNeeded() > n, path + ": needs " + e.bytesNeeded() + " of " + n);
        assertEquals(ErrorClass.TRUNCATED_IMAGE, e.errorClass());
        assertEquals(full.format(), e.format());
      }
    }
  }

  @Test
  void headersOfCommonFormatsFitInAFewHundredBytes() throws UpscaleException {
    for (String path : new String[] {"jpeg/orientation-6.jpg", "png/palette-trns.png",
        "gif/transparent.gif", "bmp/rgba32.bmp", "psd/rgba.psd", "webp/lossy-alpha.webp"}) {
      byte[] whole = TestImages.corpus(path);
      assertEquals(DECODER.probe(whole), DECODER.probe(Arrays.copyOf(whole, 400)), path);
    }
  }

  @Test
  void aWebpWithExifNeedsItsExifChunkForTheUprightSize() throws UpscaleException {
    byte[] whole = TestImages.corpus("webp/orientation-6.webp");
    NeedMoreBytesException e = assertThrows(NeedMoreBytesException.class,
        () -> DECODER.probe(Arrays.copyOf(whole, 100)));
    assertEquals(whole.length, e.bytesNeeded(), "the EXIF chunk ends the file");
    assertEquals(64, DECODER.probe(whole).width());
  }

  @Test
  void readingWhatIsAskedForConvergesOnALargeHeader() throws UpscaleException {
    // A JPEG with 300 KB of APP segments before its frame header, probed from a 64 KB prefix.
    byte[] jpeg = TestImages.corpus("jpeg/baseline.jpg");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(jpeg, 0, 2);
    for (int i = 0; i < 5; i++) {
      byte[] segment = new byte[2 + 0xFFFD];
      segment[0] = (byte) 0xFF;
      segment[1] = (byte) 0xEF;
      segment[2] = (byte) 0xFF;
      segment[3] = (byte) 0xFD;
      out.write(segment, 0, segment.length);
    }
    out.write(jpeg, 2, jpeg.length - 2);
    byte[] big = out.toByteArray();
    int prefix = 64 << 10;
    int reads = 0;
    while (true) {
      try {
        assertEquals(64, DECODER.probe(Arrays.copyOf(big, prefix)).width());
        break;
      } catch (NeedMoreBytesException e) {
        assertTrue(++reads < 10, "converges");
        prefix = (int) Math.min(big.length, e.bytesNeeded());
      }
    }
    assertTrue(prefix > 5 * 65_535, "needed all APP segments: " + prefix);
  }

  @Test
  void tooShortToTellIsNotMistakenForAFormat() {
    UpscaleException e = assertThrows(UpscaleException.class,
        () -> DECODER.probe(new byte[] {(byte) 0x89, 'P', 'N'}));
    assertEquals(ErrorClass.UNSUPPORTED_FORMAT, e.errorClass());
  }
}
