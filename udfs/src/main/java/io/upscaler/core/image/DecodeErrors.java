package io.upscaler.core.image;

import io.upscaler.core.ErrorClass;
import io.upscaler.core.UpscaleException;
import java.io.EOFException;
import java.util.Locale;

/**
 * Turns whatever an ImageIO plugin threw into an {@link UpscaleException} with a class a retry
 * policy and a person can act on. Plugins signal damage in many ways (IIOException, EOFException,
 * ArrayIndexOutOfBounds, IllegalArgumentException, NegativeArraySize ...); only the message or
 * type tells truncation and unsupported variants apart from general corruption.
 */
final class DecodeErrors {
  private DecodeErrors() {}

  static UpscaleException classify(Throwable t, ImageFormat format, int size, Header h) {
    if (t instanceof UpscaleException) {
      return (UpscaleException) t;
    }
    String what = h == null ? String.format("%s image (%,d bytes)", format.name(), size)
        : String.format("%s image (%,d bytes, %dx%d)", format.name(), size, h.width(), h.height());
    if (t instanceof OutOfMemoryError) {
      return new UpscaleException(ErrorClass.OUT_OF_MEMORY,
          "ran out of memory decoding the " + what + "; give executors more memory or lower the"
              + " pixel limit", t);
    }
    String detail = detail(t);
    if (isTruncation(t)) {
      return new UpscaleException(ErrorClass.TRUNCATED_IMAGE,
          "the " + what + " is truncated: the decoder ran out of data (" + detail + ")", t);
    }
    if (detail.toLowerCase(Locale.ROOT).contains("unsupported")) {
      return new UpscaleException(ErrorClass.UNSUPPORTED_FORMAT,
          "the " + what + " uses a variant the decoder does not support: " + detail, t);
    }
    return new UpscaleException(ErrorClass.CORRUPT_IMAGE,
        "the " + what + " is corrupt and cannot be decoded: " + detail, t);
  }

  private static boolean isTruncation(Throwable t) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      String m = String.valueOf(c.getMessage()).toLowerCase(Locale.ROOT);
      if (c instanceof EOFException || m.contains("end of file") || m.contains("premature end")
          || m.contains("unexpected end") || m.contains("end of stream")) {
        return true;
      }
    }
    return false;
  }

  /** The innermost meaningful message, never empty. */
  private static String detail(Throwable t) {
    String best = t.getClass().getSimpleName();
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (c.getMessage() != null && !c.getMessage().isBlank()) {
        best = c.getMessage().length() > 200 ? c.getMessage().substring(0, 200) : c.getMessage();
        if (!(c instanceof java.io.IOException) || c.getCause() == null) {
          break;
        }
      }
    }
    return best.equals(t.getClass().getSimpleName()) ? best
        : best + (t instanceof java.io.IOException ? "" : " (" + t.getClass().getSimpleName() + ")");
  }
}
