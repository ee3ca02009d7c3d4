package io.upscaler.core.image;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/** Builds and patches files byte by byte for the hostile-input tests. */
final class Crafted {
  private Crafted() {}

  /** A PNG of any declared size whose IDAT holds only {@code rawBytes} zero bytes. */
  static byte[] png(long width, long height, int colourType, int depth, int rawBytes) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'});
    byte[] ihdr = new byte[13];
    putU32be(ihdr, 0, width);
    putU32be(ihdr, 4, height);
    ihdr[8] = (byte) depth;
    ihdr[9] = (byte) colourType;
    chunk(out, "IHDR", ihdr);
    Deflater deflater = new Deflater();
    deflater.setInput(new byte[rawBytes]);
    deflater.finish();
    byte[] buf = new byte[rawBytes + 64];
    int n = deflater.deflate(buf);
    deflater.end();
    chunk(out, "IDAT", java.util.Arrays.copyOf(buf, n));
    chunk(out, "IEND", new byte[0]);
    return out.toByteArray();
  }

  static void chunk(ByteArrayOutputStream out, String type, byte[] data) {
    byte[] head = new byte[8];
    putU32be(head, 0, data.length);
    System.arraycopy(type.getBytes(StandardCharsets.ISO_8859_1), 0, head, 4, 4);
    out.writeBytes(head);
    out.writeBytes(data);
    CRC32 crc = new CRC32();
    crc.update(head, 4, 4);
    crc.update(data);
    byte[] c = new byte[4];
    putU32be(c, 0, crc.getValue());
    out.writeBytes(c);
  }

  /** Inserts a PNG chunk right after IHDR. */
  static byte[] withPngChunk(byte[] png, String type, byte[] data) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(png, 0, 33);
    chunk(out, type, data);
    out.write(png, 33, png.length - 33);
    return out.toByteArray();
  }

  /** Offset of the first marker {@code code} (e.g. 0xC0 for SOF0) in a JPEG. */
  static int jpegMarker(byte[] jpeg, int code) {
    for (int i = 2; i + 1 < jpeg.length; i++) {
      if ((jpeg[i] & 0xFF) == 0xFF && (jpeg[i + 1] & 0xFF) == code) {
        return i;
      }
    }
    throw new IllegalArgumentException("no marker " + Integer.toHexString(code));
  }

  /** Patches value 0 of a SHORT/LONG TIFF tag in IFD0 (the value must be stored inline). */
  static void patchTiffTag(byte[] tiff, int tag, long value) {
    boolean be = tiff[0] == 'M';
    int e = tiffEntry(tiff, tag);
    put(tiff, e + 8, value, u16(tiff, e + 2, be) == 3 ? 2 : 4, be);
  }

  /** Patches the count of a TIFF tag in IFD0. */
  static void patchTiffCount(byte[] tiff, int tag, long count) {
    put(tiff, tiffEntry(tiff, tag) + 4, count, 4, tiff[0] == 'M');
  }

  private static int tiffEntry(byte[] tiff, int tag) {
    boolean be = tiff[0] == 'M';
    int ifd = (int) u32(tiff, 4, be);
    int n = (int) u16(tiff, ifd, be);
    for (int i = 0; i < n; i++) {
      int e = ifd + 2 + 12 * i;
      if (u16(tiff, e, be) == tag) {
        return e;
      }
    }
    throw new IllegalArgumentException("no tag " + tag);
  }

  static long u16(byte[] b, int off, boolean be) {
    int x = b[off] & 0xFF;
    int y = b[off + 1] & 0xFF;
    return be ? (x << 8) | y : (y << 8) | x;
  }

  static long u32(byte[] b, int off, boolean be) {
    return be ? (u16(b, off, true) << 16) | u16(b, off + 2, true)
        : (u16(b, off + 2, false) << 16) | u16(b, off, false);
  }

  static void put(byte[] b, int off, long v, int bytes, boolean be) {
    for (int i = 0; i < bytes; i++) {
      int shift = 8 * (be ? bytes - 1 - i : i);
      b[off + i] = (byte) (v >>> shift);
    }
  }

  static void putU32be(byte[] b, int off, long v) {
    put(b, off, v, 4, true);
  }
}
