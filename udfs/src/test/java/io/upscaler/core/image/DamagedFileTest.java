package io.upscaler.core.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.upscaler.core.ErrorClass;
import io.upscaler.core.UpscaleException;
import java.time.Duration;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Truncations at many cut points and random byte damage, for every file of the corpus: each
 * either decodes to an image of the declared size or fails with a classified UpscaleException —
 * never another exception, an Error, or a hang.
 */
class DamagedFileTest {
  private static final ImageDecoder DECODER = new ImageDecoder();
  private static final int CUTS = 48;
  private static final int MUTANTS = 24;
  private static final Set<ErrorClass> DAMAGE = EnumSet.of(ErrorClass.TRUNCATED_IMAGE,
      ErrorClass.CORRUPT_IMAGE, ErrorClass.UNSUPPORTED_FORMAT, ErrorClass.TOO_MANY_PIXELS);

  static java.util.List<String> corpus() {
    return Corpus.all();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("corpus")
  void truncatedFilesAreRefusedAsTruncated(String path) {
    byte[] whole = TestImages.corpus(path);
    assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
      for (int i = 1; i <= CUTS; i++) {
        int cut = (int) ((long) whole.length * i / (CUTS + 1));
        outcome(Arrays.copyOf(whole, Math.max(1, cut)), path + " cut at " + cut);
      }
    });
    ErrorClass half = outcome(Arrays.copyOf(whole, whole.length / 2), path);
    assertEquals(ErrorClass.TRUNCATED_IMAGE, half, path + " cut in half");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("corpus")
  void damagedBytesNeverEscapeAsAnythingButAClassifiedError(String path) {
    byte[] whole = TestImages.corpus(path);
    Random random = new Random(path.hashCode());
    assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
      for (int m = 0; m < MUTANTS; m++) {
        byte[] bytes = whole.clone();
        int flips = 1 + random.nextInt(8);
        for (int f = 0; f < flips; f++) {
          bytes[12 + random.nextInt(bytes.length - 12)] = (byte) random.nextInt(256);
        }
        outcome(bytes, path + " mutant " + m);
      }
    });
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("corpus")
  void randomBytesBehindAValidSignatureAreRefused(String path) {
    byte[] whole = TestImages.corpus(path);
    byte[] bytes = new byte[2048];
    new Random(path.length()).nextBytes(bytes);
    System.arraycopy(whole, 0, bytes, 0, 12);
    ErrorClass c = outcome(bytes, path + " signature + noise");
    assertNotEquals(null, c, "noise decoded as an image");
  }

  /** Decodes; returns null on success (checking the size), or the error class. */
  private static ErrorClass outcome(byte[] bytes, String what) {
    try {
      DECODER.probe(bytes);
    } catch (UpscaleException e) {
      assertTrue(DAMAGE.contains(e.errorClass()), what + " probe: " + e.getMessage());
    } catch (Throwable t) {
      fail(what + " probe escaped as " + t, t);
    }
    try {
      DecodedImage d = DECODER.decode(bytes, DecodeLimits.DEFAULT);
      assertEquals(d.info().width(), d.image().width(), what);
      assertEquals(d.info().channels(), d.image().channels(), what);
      return null;
    } catch (UpscaleException e) {
      assertTrue(DAMAGE.contains(e.errorClass()), what + ": " + e.errorClass() + " "
          + e.getMessage());
      return e.errorClass();
    } catch (Throwable t) {
      fail(what + " escaped as " + t, t);
      return null;
    }
  }
}
