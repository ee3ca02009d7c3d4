package io.upscaler.core.image;

import io.upscaler.core.UpscaleException;
import java.io.ByteArrayOutputStream;

/**
 * JPEG: walks marker segments. A probe stops at the frame header (SOFn), which comes after the
 * EXIF (APP1) and ICC (APP2) segments. Decode mode walks every scan to the end-of-image marker,
 * so a truncated file is caught before a decoder fills the missing part with grey, and counts
 * scans to refuse progressive "scan bombs" that take minutes to decode.
 */
final class JpegHeader {
  /** Real progressive JPEGs use about 10 scans; thousands are a denial-of-service pattern. */
  static final int MAX_SCANS = 256;

  private JpegHeader() {}

  static Header parse(ByteView v, boolean decode) throws UpscaleException {
    Header h = null;
    byte[] exif = null;
    ByteArrayOutputStream icc = new ByteArrayOutputStream();
    int scans = 0;
    long pos = 2;
    while (true) {
      pos = nextMarker(v, pos, decode);
      int marker = v.u8(pos);
      pos++;
      if (marker == 0xD9) {
        if (h == null || scans == 0) {
          throw v.corrupt("end of image before any frame or scan");
        }
        return finish(h, exif, icc);
      }
      if (marker == 0x01 || marker == 0xD8 || (marker >= 0xD0 && marker <= 0xD7)) {
        continue;
      }
      long end = pos + v.u16be(pos);
      if (end < pos + 2) {
        throw v.corrupt("segment length below 2 at byte " + pos);
      }
      if (!decode) {
        v.need(end + 4); // this segment plus the next marker and length: one read per segment
      }
      if (isFrame(marker)) {
        h = frame(v, marker, pos);
        if (!decode) {
          return finish(h, exif, null);
        }
      } else if (marker == 0xE1 && exif == null && v.matches(pos + 2, "Exif\0\0")) {
        exif = v.slice(pos + 8, Math.max(0, end - pos - 8));
      } else if (marker == 0xE2 && decode && v.matches(pos + 2, "ICC_PROFILE\0")) {
        byte[] part = v.slice(pos + 16, Math.max(0, end - pos - 16));
        icc.write(part, 0, part.length);
      } else if (marker == 0xDA) {
        if (h == null) {
          throw v.corrupt("scan before the frame header");
        }
        if (++scans > MAX_SCANS) {
          throw v.corrupt("more than " + MAX_SCANS + " scans (a decoding-time bomb)");
        }
        end = skipEntropyData(v, end);
      }
      pos = end;
    }
  }

  private static Header finish(Header h, byte[] exif, ByteArrayOutputStream icc) {
    Header out = exif == null ? h : h.withExif(exif);
    return icc != null && icc.size() > 0 ? out.withIcc(icc.toByteArray()) : out;
  }

  /** Position of the next marker code (after its 0xFF fill bytes), tolerating stray bytes. */
  private static long nextMarker(ByteView v, long pos, boolean decode) throws UpscaleException {
    try {
      while (v.u8(pos) != 0xFF) {
        pos++;
      }
      while (v.u8(pos) == 0xFF) {
        pos++;
      }
      return pos;
    } catch (NeedMoreBytesException e) {
      if (decode) {
        throw v.truncated("no end-of-image marker");
      }
      throw e;
    }
  }

  private static boolean isFrame(int m) {
    return m >= 0xC0 && m <= 0xCF && m != 0xC4 && m != 0xC8 && m != 0xCC;
  }

  private static Header frame(ByteView v, int marker, long pos) throws UpscaleException {
    int precision = v.u8(pos + 2);
    int height = v.u16be(pos + 3);
    int width = v.u16be(pos + 5);
    v.declare(width, height);
    int components = v.u8(pos + 7);
    if (marker >= 0xC9) {
      throw v.unsupported("arithmetic-coded JPEG (SOF" + (marker - 0xC0) + ")");
    }
    if (marker >= 0xC5) {
      throw v.unsupported("hierarchical JPEG (SOF" + (marker - 0xC0) + ")");
    }
    if (width == 0) {
      throw v.corrupt("width 0");
    }
    if (height == 0) {
      throw v.unsupported("height defined after the first scan (DNL marker)");
    }
    boolean lossless = marker == 0xC3;
    if (!lossless && precision != 8) {
      throw v.unsupported(precision + "-bit samples (only 8-bit lossy JPEG is supported)");
    }
    if (components != 1 && components != 3 && components != 4) {
      throw v.unsupported(components + " colour components");
    }
    int depth = lossless && precision > 8 ? 16 : 8;
    return Header.of(ImageFormat.JPEG, width, height, components == 1 ? 1 : 3, depth, false);
  }

  /** Skips entropy-coded bytes after a scan header; returns the position of the next marker. */
  private static long skipEntropyData(ByteView v, long pos) throws UpscaleException {
    byte[] b = v.array();
    for (long i = pos; i + 1 < b.length; i++) {
      if (b[(int) i] == (byte) 0xFF) {
        int next = b[(int) i + 1] & 0xFF;
        if (next != 0x00 && next != 0xFF && (next < 0xD0 || next > 0xD7)) {
          return i;
        }
      }
    }
    throw v.truncated("the data ends inside a scan (no end-of-image marker)");
  }
}
