package io.upscaler.core.image;

import io.upscaler.core.UpscaleException;

/**
 * WebP: the RIFF container's first chunk (VP8 lossy, VP8L lossless or VP8X extended). With VP8X
 * the EXIF chunk (which carries orientation) sits after the image data, so a probe of a prefix of
 * a WebP with EXIF may need nearly the whole file. An animation decodes to its first frame on
 * the canvas. Decode mode checks the RIFF size and walks all chunks.
 */
final class WebpHeader {
  private static final int FLAG_ICC = 0x20;
  private static final int FLAG_ALPHA = 0x10;
  private static final int FLAG_EXIF = 0x08;
  private static final int FLAG_ANIMATION = 0x02;

  private WebpHeader() {}

  static Header parse(ByteView v, boolean decode) throws UpscaleException {
    long riffEnd = 8 + v.u32le(4);
    if (decode && riffEnd > v.length()) {
      throw v.truncated(String.format("the RIFF container declares %,d bytes", riffEnd));
    }
    long data = 20;
    if (v.matches(12, "VP8 ")) {
      v.need(data + 10);
      if (v.u8(data + 3) != 0x9D || v.u8(data + 4) != 0x01 || v.u8(data + 5) != 0x2A) {
        throw v.corrupt("VP8 key frame start code missing");
      }
      return sized(v, v.u16le(data + 6) & 0x3FFF, v.u16le(data + 8) & 0x3FFF, false);
    }
    if (v.matches(12, "VP8L")) {
      if (v.u8(data) != 0x2F) {
        throw v.corrupt("VP8L signature missing");
      }
      long bits = v.u32le(data + 1);
      boolean alpha = ((bits >> 28) & 1) != 0;
      return sized(v, (bits & 0x3FFF) + 1, ((bits >> 14) & 0x3FFF) + 1, alpha);
    }
    if (v.matches(12, "VP8X")) {
      return extended(v, decode, riffEnd);
    }
    v.need(16);
    throw v.corrupt("unknown first chunk \"" + new String(v.slice(12, 4),
        java.nio.charset.StandardCharsets.ISO_8859_1).replaceAll("[^ -~]", "?") + "\"");
  }

  private static Header sized(ByteView v, long w, long h, boolean alpha) throws UpscaleException {
    if (w == 0 || h == 0) {
      throw v.corrupt("size " + w + "x" + h);
    }
    return Header.of(ImageFormat.WEBP, w, h, alpha ? 4 : 3, 8, alpha);
  }

  private static Header extended(ByteView v, boolean decode, long riffEnd)
      throws UpscaleException {
    int flags = v.u8(20);
    Header h = sized(v, v.u24le(24) + 1L, v.u24le(27) + 1L, (flags & FLAG_ALPHA) != 0);
    boolean wantExif = (flags & FLAG_EXIF) != 0;
    boolean wantFrame = (flags & FLAG_ANIMATION) != 0;
    boolean wantIcc = decode && (flags & FLAG_ICC) != 0;
    long pos = 12;
    while (pos + 8 <= riffEnd && (decode || wantExif || wantFrame)) {
      long size = v.u32le(pos + 4);
      if (decode && pos + 8 + size > v.length()) {
        throw v.truncated("a chunk at byte " + pos + " runs past the end");
      }
      if (v.matches(pos, "EXIF") && wantExif) {
        h = h.withExif(Exif.normalize(v.slice(pos + 8, size)));
        wantExif = false;
      } else if (v.matches(pos, "ICCP") && wantIcc) {
        h = h.withIcc(v.slice(pos + 8, size));
        wantIcc = false;
      } else if (v.matches(pos, "ANMF") && wantFrame) {
        h = firstFrame(v, pos + 8, h);
        wantFrame = false;
      }
      pos += 8 + size + (size & 1);
    }
    return h;
  }

  /**
   * Animation: the decoded image is the first frame placed on the canvas; it has alpha when the
   * canvas does or the frame does not cover it.
   */
  private static Header firstFrame(ByteView v, long data, Header canvas) throws UpscaleException {
    long x = 2L * v.u24le(data);
    long y = 2L * v.u24le(data + 3);
    long w = v.u24le(data + 6) + 1L;
    long h = v.u24le(data + 9) + 1L;
    if (x + w > canvas.width() || y + h > canvas.height()) {
      throw v.corrupt("first frame " + w + "x" + h + "+" + x + "+" + y + " exceeds the canvas");
    }
    boolean covers = w == canvas.width() && h == canvas.height();
    boolean alpha = canvas.hasAlpha() || !covers;
    return Header.of(ImageFormat.WEBP, canvas.width(), canvas.height(), alpha ? 4 : 3, 8, alpha)
        .withExif(canvas.exif()).withIcc(canvas.iccProfile())
        .withFrame(new int[] {(int) x, (int) y, (int) w, (int) h});
  }
}
