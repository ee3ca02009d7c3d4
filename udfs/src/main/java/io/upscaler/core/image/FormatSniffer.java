package io.upscaler.core.image;

import io.upscaler.core.ErrorClass;
import io.upscaler.core.UpscaleException;
import java.nio.charset.StandardCharsets;

/**
 * Tells the format from the first bytes (magic numbers), never from a name. Recognises common
 * formats we cannot read (HEIC, AVIF, JPEG 2000, JPEG XL, ICO, PDF, SVG, text, archives) so the
 * error says what the bytes actually are.
 */
final class FormatSniffer {
  private static final int TEXT_SAMPLE = 512;

  private FormatSniffer() {}

  /**
   * The readable format of {@code bytes}.
   *
   * @throws UpscaleException EMPTY_IMAGE for zero bytes, UNSUPPORTED_FORMAT for anything else we
   *     can't read (naming what it looks like), TRUNCATED_IMAGE if too few bytes to tell
   */
  static ImageFormat detect(byte[] bytes) throws UpscaleException {
    if (bytes == null || bytes.length == 0) {
      throw new UpscaleException(ErrorClass.EMPTY_IMAGE, "the image is empty (0 bytes)");
    }
    ByteView v = new ByteView(bytes, ImageFormat.PNG);
    ImageFormat f = known(v);
    if (f != null) {
      return f;
    }
    throw new UpscaleException(ErrorClass.UNSUPPORTED_FORMAT, describeUnknown(v));
  }

  private static ImageFormat known(ByteView v) {
    if (v.matches(0, "\u0089PNG\r\n\u001a\n")) {
      return ImageFormat.PNG;
    }
    if (v.matches(0, "\u00ff\u00d8\u00ff")) {
      return ImageFormat.JPEG;
    }
    if (v.matches(0, "GIF87a") || v.matches(0, "GIF89a")) {
      return ImageFormat.GIF;
    }
    if (v.matches(0, "RIFF") && v.matches(8, "WEBP")) {
      return ImageFormat.WEBP;
    }
    if (v.matches(0, "II*\0") || v.matches(0, "MM\0*") || v.matches(0, "II+\0")
        || v.matches(0, "MM\0+")) {
      return ImageFormat.TIFF;
    }
    if (v.matches(0, "BM") && v.length() >= 14) {
      return ImageFormat.BMP;
    }
    if (v.matches(0, "8BPS")) {
      return ImageFormat.PSD;
    }
    return null;
  }

  private static String describeUnknown(ByteView v) {
    String what = namedUnsupported(v);
    if (what != null) {
      return "not a supported image format: the bytes are " + what
          + " (supported: JPEG, PNG, WebP, TIFF, BMP, GIF, PSD)";
    }
    if (v.length() < 12) {
      return String.format("not a supported image format: only %d bytes, too short for any image",
          v.length());
    }
    if (looksLikeText(v.array())) {
      return "not an image: the bytes are text, starting with \"" + snippet(v.array()) + "\"";
    }
    return "not a supported image format: unknown signature " + hex(v.array());
  }

  private static String namedUnsupported(ByteView v) {
    if (v.matches(4, "ftyp")) {
      return v.matches(8, "avif") || v.matches(8, "avis") ? "an AVIF image"
          : v.matches(8, "hei") || v.matches(8, "mif1") || v.matches(8, "msf1")
              ? "a HEIF/HEIC image" : "an ISO media file (MP4/MOV/HEIF family)";
    }
    if (v.matches(0, "\0\0\0\u000cjP  ") || v.matches(0, "\u00ff\u004f\u00ff\u0051")) {
      return "a JPEG 2000 image";
    }
    if (v.matches(0, "\u00ff\n") || v.matches(0, "\0\0\0\u000cJXL ")) {
      return "a JPEG XL image";
    }
    if (v.matches(0, "\0\0\u0001\0") || v.matches(0, "\0\0\u0002\0")) {
      return "a Windows icon or cursor (ICO/CUR)";
    }
    if (v.matches(0, "%PDF")) {
      return "a PDF document";
    }
    if (v.matches(0, "PK\u0003\u0004")) {
      return "a ZIP archive";
    }
    if (v.matches(0, "\u001f\u008b")) {
      return "gzip-compressed data";
    }
    if (v.matches(0, "\u00ff\u00d8")) {
      return "a damaged JPEG (no marker after the start-of-image)";
    }
    if (v.matches(0, "\u0089PNG") || v.matches(0, "GIF8") || v.matches(0, "RIFF")) {
      return "a damaged PNG/GIF/RIFF file (incomplete signature)";
    }
    String head = new String(v.array(), 0, (int) Math.min(v.length(), 256),
        StandardCharsets.ISO_8859_1).trim().toLowerCase(java.util.Locale.ROOT);
    if (head.contains("<svg")) {
      return "an SVG (vector) document";
    }
    if (head.startsWith("<!doctype html") || head.startsWith("<html")) {
      return "an HTML page, starting with \"" + snippet(v.array()) + "\"";
    }
    return null;
  }

  private static boolean looksLikeText(byte[] b) {
    int n = Math.min(b.length, TEXT_SAMPLE);
    for (int i = 0; i < n; i++) {
      int c = b[i] & 0xFF;
      boolean printable = c >= 0x20 || c == '\n' || c == '\r' || c == '\t';
      if (!printable) {
        return false;
      }
    }
    return true;
  }

  private static String snippet(byte[] b) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < Math.min(b.length, 40); i++) {
      int c = b[i] & 0xFF;
      sb.append(c >= 0x20 && c < 0x7F && c != '"' ? (char) c : ' ');
    }
    return sb.toString().trim() + (b.length > 40 ? "..." : "");
  }

  private static String hex(byte[] b) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < Math.min(b.length, 8); i++) {
      sb.append(String.format("%02X", b[i] & 0xFF)).append(i < 7 ? " " : "");
    }
    return sb.toString().trim();
  }
}
