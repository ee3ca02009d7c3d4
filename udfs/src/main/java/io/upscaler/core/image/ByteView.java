package io.upscaler.core.image;

import io.upscaler.core.ErrorClass;
import io.upscaler.core.UpscaleException;

/**
 * Bounds-checked reads from an encoded image (or a prefix of one). Every read past the end throws
 * {@link NeedMoreBytesException}, so header parsers never index out of bounds, and offsets are
 * longs so that hostile 32-bit sizes cannot overflow.
 */
final class ByteView {
  private final byte[] bytes;
  private final ImageFormat format;
  private long declaredWidth = -1;
  private long declaredHeight = -1;

  ByteView(byte[] bytes, ImageFormat format) {
    this.bytes = bytes;
    this.format = format;
  }

  ImageFormat format() {
    return format;
  }

  long length() {
    return bytes.length;
  }

  byte[] array() {
    return bytes;
  }

  /**
   * Records the size the header declares, as soon as it is read, so that a later short read can
   * still report it (a huge declared size beats "truncated" as the reason to refuse a file).
   */
  void declare(long width, long height) {
    declaredWidth = width;
    declaredHeight = height;
  }

  /** Throws unless bytes [0, end) are available. */
  void need(long end) throws NeedMoreBytesException {
    if (end > bytes.length || end < 0) {
      throw new NeedMoreBytesException(
          format, Math.max(end, 0), bytes.length, declaredWidth, declaredHeight);
    }
  }

  boolean has(long end) {
    return end >= 0 && end <= bytes.length;
  }

  int u8(long off) throws NeedMoreBytesException {
    need(off + 1);
    return bytes[(int) off] & 0xFF;
  }

  int u16be(long off) throws NeedMoreBytesException {
    need(off + 2);
    return (u8(off) << 8) | u8(off + 1);
  }

  int u16le(long off) throws NeedMoreBytesException {
    need(off + 2);
    return u8(off) | (u8(off + 1) << 8);
  }

  int u24le(long off) throws NeedMoreBytesException {
    return u16le(off) | (u8(off + 2) << 16);
  }

  long u32be(long off) throws NeedMoreBytesException {
    return ((long) u16be(off) << 16) | u16be(off + 2);
  }

  long u32le(long off) throws NeedMoreBytesException {
    return u16le(off) | ((long) u16le(off + 2) << 16);
  }

  int u16(long off, boolean bigEndian) throws NeedMoreBytesException {
    return bigEndian ? u16be(off) : u16le(off);
  }

  long u32(long off, boolean bigEndian) throws NeedMoreBytesException {
    return bigEndian ? u32be(off) : u32le(off);
  }

  /** Unsigned 64-bit value; anything above Long.MAX_VALUE is reported as Long.MAX_VALUE. */
  long u64(long off, boolean bigEndian) throws NeedMoreBytesException {
    long hi = u32(bigEndian ? off : off + 4, bigEndian);
    long lo = u32(bigEndian ? off + 4 : off, bigEndian);
    return hi >= 0x80000000L ? Long.MAX_VALUE : (hi << 32) | lo;
  }

  /** Whether the bytes at {@code off} equal the ASCII text (false if not all available). */
  boolean matches(long off, String ascii) {
    if (!has(off + ascii.length())) {
      return false;
    }
    for (int i = 0; i < ascii.length(); i++) {
      if ((bytes[(int) off + i] & 0xFF) != ascii.charAt(i)) {
        return false;
      }
    }
    return true;
  }

  byte[] slice(long off, long len) throws NeedMoreBytesException {
    need(off + len);
    byte[] out = new byte[(int) len];
    System.arraycopy(bytes, (int) off, out, 0, (int) len);
    return out;
  }

  /** A header field that no valid file can have: CORRUPT_IMAGE with the format named. */
  UpscaleException corrupt(String what) {
    return new UpscaleException(
        ErrorClass.CORRUPT_IMAGE, format.name() + " header is invalid: " + what);
  }

  /** The data ends inside the image body (decode-time structure checks). */
  UpscaleException truncated(String what) {
    return new UpscaleException(
        ErrorClass.TRUNCATED_IMAGE,
        String.format("%s file is truncated (%,d bytes): %s", format.name(), bytes.length, what));
  }

  /** A valid file of a variant we cannot decode. */
  UpscaleException unsupported(String what) {
    return new UpscaleException(
        ErrorClass.UNSUPPORTED_FORMAT, format.name() + " variant not supported: " + what);
  }
}
