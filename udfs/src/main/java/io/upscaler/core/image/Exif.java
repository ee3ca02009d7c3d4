package io.upscaler.core.image;

import java.util.Arrays;

/**
 * Reads and edits the few EXIF fields we care about inside a TIFF-structured EXIF block (byte
 * order mark, 42, offset of IFD0, entries). Malformed blocks are tolerated: reads fall back to
 * defaults and edits leave the block as it was, because metadata must never fail an image.
 */
final class Exif {
  static final int TAG_ORIENTATION = 0x0112;
  private static final int TAG_EXIF_IFD = 0x8769;
  private static final int TAG_PIXEL_X = 0xA002;
  private static final int TAG_PIXEL_Y = 0xA003;
  private static final int TYPE_SHORT = 3;
  private static final int TYPE_LONG = 4;
  private static final byte[] PREFIX = {'E', 'x', 'i', 'f', 0, 0};

  private Exif() {}

  /** Drops a leading "Exif\0\0" (some WebP/PNG writers keep the JPEG APP1 prefix). */
  static byte[] normalize(byte[] block) {
    if (block != null && block.length >= PREFIX.length
        && Arrays.equals(Arrays.copyOf(block, PREFIX.length), PREFIX)) {
      return Arrays.copyOfRange(block, PREFIX.length, block.length);
    }
    return block;
  }

  /** Orientation 1..8 from IFD0; 1 when absent, out of range or unreadable. */
  static int orientation(byte[] tiff) {
    long entry = findEntry(tiff, ifd0(tiff), TAG_ORIENTATION);
    if (entry < 0 || readU16(tiff, entry + 2, bigEndian(tiff)) != TYPE_SHORT) {
      return 1;
    }
    int value = readU16(tiff, entry + 8, bigEndian(tiff));
    return value >= 1 && value <= 8 ? value : 1;
  }

  /**
   * A copy with orientation set to 1 and, where present and wide enough, the EXIF pixel
   * dimensions set to the written size. Returns the input unchanged when it is not a TIFF block.
   */
  static byte[] forOutput(byte[] tiff, int width, int height) {
    long ifd0 = ifd0(tiff);
    if (ifd0 < 0) {
      return tiff;
    }
    byte[] out = tiff.clone();
    setShortOrLong(out, findEntry(out, ifd0, TAG_ORIENTATION), 1);
    long exifEntry = findEntry(out, ifd0, TAG_EXIF_IFD);
    if (exifEntry >= 0) {
      long exifIfd = readU32(out, exifEntry + 8, bigEndian(out));
      setShortOrLong(out, findEntry(out, exifIfd, TAG_PIXEL_X), width);
      setShortOrLong(out, findEntry(out, exifIfd, TAG_PIXEL_Y), height);
    }
    return out;
  }

  private static boolean bigEndian(byte[] t) {
    return t[0] == 'M';
  }

  /** Offset of IFD0, or -1 when the block does not start like TIFF. */
  static long ifd0(byte[] t) {
    if (t == null || t.length < 8) {
      return -1;
    }
    boolean ii = t[0] == 'I' && t[1] == 'I';
    boolean mm = t[0] == 'M' && t[1] == 'M';
    if (!(ii || mm) || readU16(t, 2, mm) != 42) {
      return -1;
    }
    return readU32(t, 4, mm);
  }

  /** Offset of the 12-byte entry for {@code tag} in the IFD at {@code ifd}, or -1. */
  private static long findEntry(byte[] t, long ifd, int tag) {
    if (ifd < 8 || ifd + 2 > t.length) {
      return -1;
    }
    boolean be = bigEndian(t);
    int count = readU16(t, ifd, be);
    for (int i = 0; i < count; i++) {
      long e = ifd + 2 + 12L * i;
      if (e + 12 > t.length) {
        return -1;
      }
      if (readU16(t, e, be) == tag) {
        return e;
      }
    }
    return -1;
  }

  private static void setShortOrLong(byte[] t, long entry, long value) {
    if (entry < 0 || readU32(t, entry + 4, bigEndian(t)) != 1) {
      return;
    }
    int type = readU16(t, entry + 2, bigEndian(t));
    if (type == TYPE_SHORT && value <= 0xFFFF) {
      writeU16(t, entry + 8, (int) value, bigEndian(t));
    } else if (type == TYPE_LONG) {
      writeU16(t, entry + (bigEndian(t) ? 8 : 10), (int) (value >>> 16), bigEndian(t));
      writeU16(t, entry + (bigEndian(t) ? 10 : 8), (int) (value & 0xFFFF), bigEndian(t));
    }
  }

  private static int readU16(byte[] t, long off, boolean be) {
    if (off < 0 || off + 2 > t.length) {
      return -1;
    }
    int a = t[(int) off] & 0xFF;
    int b = t[(int) off + 1] & 0xFF;
    return be ? (a << 8) | b : (b << 8) | a;
  }

  private static long readU32(byte[] t, long off, boolean be) {
    int hi = readU16(t, be ? off : off + 2, be);
    int lo = readU16(t, be ? off + 2 : off, be);
    return hi < 0 || lo < 0 ? -1 : ((long) hi << 16) | lo;
  }

  private static void writeU16(byte[] t, long off, int v, boolean be) {
    t[(int) off] = (byte) (be ? v >>> 8 : v);
    t[(int) off + 1] = (byte) (be ? v : v >>> 8);
  }
}
