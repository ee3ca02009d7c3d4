package io.upscaler.core.image;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Adds metadata to freshly encoded files at the byte level (the ImageIO metadata trees differ per
 * plugin and can't express WebP EXIF): a JPEG APP1 EXIF segment after SOI/JFIF, a WebP EXIF chunk
 * (turning a simple file into an extended one). PNG chunks are written by {@link PngWriter}.
 */
final class MetadataWriter {
  /** Largest EXIF payload a JPEG APP1 segment can carry (65535 - length - "Exif\0\0"). */
  static final int MAX_JPEG_EXIF = 65535 - 2 - 6;

  private MetadataWriter() {}

  /** JPEG with an APP1 EXIF segment after SOI and the JFIF APP0 segment, if any. */
  static byte[] jpeg(byte[] file, byte[] exif) {
    int at = 2;
    if ((file[2] & 0xFF) == 0xFF && (file[3] & 0xFF) == 0xE0) {
      at = 4 + (((file[4] & 0xFF) << 8) | (file[5] & 0xFF));
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream(file.length + exif.length + 10);
    out.write(file, 0, at);
    out.write(0xFF);
    out.write(0xE1);
    int len = 2 + 6 + exif.length;
    out.write(len >> 8);
    out.write(len & 0xFF);
    out.write(new byte[] {'E', 'x', 'i', 'f', 0, 0}, 0, 6);
    out.write(exif, 0, exif.length);
    out.write(file, at, file.length - at);
    return out.toByteArray();
  }

  /** WebP with an EXIF chunk; a simple (VP8/VP8L) file gains the VP8X header this requires. */
  static byte[] webp(byte[] file, byte[] exif, int width, int height) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(file.length + exif.length + 40);
    out.write(file, 0, 12);
    boolean extended = file[12] == 'V' && file[13] == 'P' && file[14] == '8' && file[15] == 'X';
    if (extended) {
      out.write(file, 12, 8);
      out.write(file[20] | 0x08);
      out.write(file, 21, file.length - 21);
    } else {
      boolean lossless = file[15] == 'L';
      boolean alpha = lossless && (file[24] & 0x10) != 0;
      riffChunk(out, "VP8X", vp8x(alpha, width, height));
      out.write(file, 12, file.length - 12);
    }
    riffChunk(out, "EXIF", exif);
    byte[] result = out.toByteArray();
    long riffSize = result.length - 8L;
    for (int i = 0; i < 4; i++) {
      result[4 + i] = (byte) (riffSize >>> (8 * i));
    }
    return result;
  }

  private static byte[] vp8x(boolean alpha, int width, int height) {
    byte[] d = new byte[10];
    d[0] = (byte) (0x08 | (alpha ? 0x10 : 0));
    for (int i = 0; i < 3; i++) {
      d[4 + i] = (byte) ((width - 1) >>> (8 * i));
      d[7 + i] = (byte) ((height - 1) >>> (8 * i));
    }
    return d;
  }

  private static void riffChunk(ByteArrayOutputStream out, String type, byte[] data) {
    out.write(type.getBytes(StandardCharsets.ISO_8859_1), 0, 4);
    for (int i = 0; i < 4; i++) {
      out.write(data.length >>> (8 * i));
    }
    out.write(data, 0, data.length);
    if ((data.length & 1) != 0) {
      out.write(0);
    }
  }
}
