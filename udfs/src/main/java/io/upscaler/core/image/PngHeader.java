package io.upscaler.core.image;

import io.upscaler.core.UpscaleException;
import java.io.ByteArrayOutputStream;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * PNG: IHDR, then the chunks before the first IDAT (tRNS for alpha, eXIf for orientation, iCCP).
 * A probe needs every chunk up to the first IDAT; decode mode also walks the rest to IEND.
 */
final class PngHeader {
  /** An ICC profile larger than this when inflated is ignored (they are a few KB in practice). */
  static final int MAX_ICC_BYTES = 4 << 20;

  private PngHeader() {}

  static Header parse(ByteView v, boolean decode) throws UpscaleException {
    if (v.u32be(8) != 13 || !v.matches(12, "IHDR")) {
      throw v.corrupt("the first chunk is not a 13-byte IHDR");
    }
    long width = v.u32be(16);
    long height = v.u32be(20);
    int depth = v.u8(24);
    int type = v.u8(25);
    if (width == 0 || height == 0 || width > Integer.MAX_VALUE || height > Integer.MAX_VALUE) {
      throw v.corrupt("size " + width + "x" + height);
    }
    v.declare(width, height);
    if (!validDepth(type, depth) || v.u8(26) != 0 || v.u8(27) != 0 || v.u8(28) > 1) {
      throw v.corrupt("colour type " + type + ", bit depth " + depth + ", methods "
          + v.u8(26) + "/" + v.u8(27) + "/" + v.u8(28));
    }
    return ancillary(v, type, depth, decode, baseHeader(width, height, type, depth, false));
  }

  private static boolean validDepth(int type, int depth) {
    switch (type) {
      case 0: return depth == 1 || depth == 2 || depth == 4 || depth == 8 || depth == 16;
      case 3: return depth == 1 || depth == 2 || depth == 4 || depth == 8;
      case 2: case 4: case 6: return depth == 8 || depth == 16;
      default: return false;
    }
  }

  private static Header baseHeader(long w, long h, int type, int depth, boolean trns) {
    int colour = type == 0 || type == 4 ? 1 : 3;
    boolean alpha = type == 4 || type == 6 || trns;
    return Header.of(ImageFormat.PNG, w, h, colour + (alpha ? 1 : 0), depth == 16 ? 16 : 8, alpha);
  }

  /** Walks chunks after IHDR to the first IDAT, then (decode mode) on to IEND. */
  private static Header ancillary(ByteView v, int type, int depth, boolean decode, Header h)
      throws UpscaleException {
    long pos = 33;
    boolean seenIdat = false;
    while (true) {
      requireChunk(v, pos + 8, pos, decode);
      long len = v.u32be(pos);
      if (len > Integer.MAX_VALUE) {
        throw v.corrupt("chunk length " + len + " at byte " + pos);
      }
      String name = new String(v.slice(pos + 4, 4), java.nio.charset.StandardCharsets.ISO_8859_1);
      if (!name.chars().allMatch(c -> (c | 0x20) >= 'a' && (c | 0x20) <= 'z')) {
        throw v.corrupt("invalid chunk type at byte " + (pos + 4));
      }
      if (name.equals("IDAT") && !decode) {
        return h;
      }
      requireChunk(v, pos + 12 + len, pos, decode);
      if (name.equals("IDAT")) {
        seenIdat = true;
      } else if (name.equals("IEND")) {
        if (!seenIdat) {
          throw v.corrupt("no image data (IDAT) before IEND");
        }
        return h;
      } else if (!seenIdat) {
        h = chunk(v, name, pos + 8, (int) len, type, depth, decode, h);
      }
      pos += 12 + len;
    }
  }

  /** Bytes up to {@code end} (part of the chunk at {@code pos}) must be present. */
  private static void requireChunk(ByteView v, long end, long pos, boolean decode)
      throws UpscaleException {
    if (!v.has(end)) {
      if (decode) {
        throw v.truncated("the chunk at byte " + pos + " runs past the end of the data");
      }
      v.need(end);
    }
  }

  private static Header chunk(ByteView v, String name, long data, int len, int type, int depth,
      boolean decode, Header h) throws UpscaleException {
    switch (name) {
      case "tRNS":
        return trns(v, data, len, type, depth, h);
      case "eXIf":
        return h.exif() == null ? h.withExif(Exif.normalize(v.slice(data, len))) : h;
      case "iCCP":
        return decode ? h.withIcc(inflateProfile(v, data, len)) : h;
      default:
        return h;
    }
  }

  private static Header trns(ByteView v, long data, int len, int type, int depth, Header h)
      throws UpscaleException {
    if (type == 4 || type == 6 || h.hasAlpha()) {
      return h;
    }
    Header withAlpha = Header.of(ImageFormat.PNG, h.width(), h.height(), h.channels() + 1,
        h.bitDepth(), true).withExif(h.exif()).withIcc(h.iccProfile());
    if (type == 0 && len >= 2) {
      return withAlpha.withColorKey(new int[] {scaledKey(v.u16be(data), depth)});
    }
    if (type == 2 && len >= 6) {
      return withAlpha.withColorKey(new int[] {
          scaledKey(v.u16be(data), depth), scaledKey(v.u16be(data + 2), depth),
          scaledKey(v.u16be(data + 4), depth)});
    }
    return type == 3 ? withAlpha : h;
  }

  /** A tRNS key at the decoded depth (1/2/4-bit grey is scaled to 8 bits); -1 if invalid. */
  private static int scaledKey(int key, int depth) {
    if (depth >= 8) {
      return depth == 8 && key > 0xFF ? -1 : key;
    }
    int max = (1 << depth) - 1;
    return key > max ? -1 : key * 255 / max;
  }

  /** The iCCP profile, inflated with a size cap; null when damaged (the image still decodes). */
  private static byte[] inflateProfile(ByteView v, long data, int len)
      throws NeedMoreBytesException {
    byte[] chunk = v.slice(data, len);
    int nul = 0;
    while (nul < Math.min(chunk.length, 80) && chunk[nul] != 0) {
      nul++;
    }
    if (nul + 2 > chunk.length) {
      return null;
    }
    Inflater inflater = new Inflater();
    try {
      inflater.setInput(chunk, nul + 2, chunk.length - nul - 2);
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      byte[] buf = new byte[8192];
      while (!inflater.finished() && out.size() <= MAX_ICC_BYTES) {
        int n = inflater.inflate(buf);
        if (n == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
          return null;
        }
        out.write(buf, 0, n);
      }
      return inflater.finished() ? out.toByteArray() : null;
    } catch (DataFormatException e) {
      return null;
    } finally {
      inflater.end();
    }
  }
}
