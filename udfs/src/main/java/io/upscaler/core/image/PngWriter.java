package io.upscaler.core.image;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * Writes a canonical {@link Image} as PNG straight from its sample array: one pass per row that
 * filters into a reused buffer, then zlib (the JDK's {@link Deflater}) at the requested level.
 *
 * <p>Chunks: IHDR, then sRGB and eXIf when asked, IDAT chunks of at most {@value #IDAT_MAX}
 * bytes, IEND. Colour types 0 (grey), 4 (grey+alpha), 2 (RGB), 6 (RGBA) at 8 or 16 bits; 16-bit
 * samples are written big-endian as PNG requires. Not interlaced.
 *
 * <p>Filters: one fixed filter per level, since per-row adaptive choice costs five passes per row
 * where one filter costs one. Level 0 stores rows unfiltered (filtering can't help stored data).
 * The first row uses Sub; later rows use Up at levels 1 to {@value #FAST_LEVELS} (the cheapest
 * filter, and on upscaled images within a few percent of Paeth's size at these levels) and Paeth
 * above (the smallest files, for ~8 ms more per megapixel). Measured on a 1.3 MP upscaled photo,
 * one core: level 1 27 ms/MP at 0.92 bytes/pixel, level 6 185 ms/MP at 0.77, the JDK's writer
 * 73 ms/MP at 1.76 (BENCHMARKS.md).
 *
 * <p>Threading: a {@link PngWriter} holds its deflater and buffers and is reused across images;
 * one instance per thread ({@link #forThread()}).
 */
final class PngWriter {
  /** Fast deflate: at level 1 zlib costs about as much as filtering and writing together. */
  static final int DEFAULT_LEVEL = 1;
  /** Levels that use the Up filter; Paeth above. */
  static final int FAST_LEVELS = 3;
  static final int IDAT_MAX = 1 << 18;
  private static final int KEEP_BYTES = 64 << 20;
  private static final byte[] SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
  private static final ThreadLocal<PngWriter> PER_THREAD = ThreadLocal.withInitial(PngWriter::new);

  private final Deflater deflater = new Deflater();
  private final CRC32 crc = new CRC32();
  private byte[] out = new byte[1 << 16];
  private int size;
  private byte[] filtered = new byte[0];
  private byte[] raw = new byte[0];
  private byte[] previous = new byte[0];

  /** The calling thread's writer (buffers grow to the largest image and are then reused). */
  static PngWriter forThread() {
    return PER_THREAD.get();
  }

  /**
   * Encodes {@code image}.
   *
   * @param level zlib level 0 (stored) to 9 (smallest, slowest)
   * @param srgb add an sRGB chunk (perceptual intent)
   * @param exif EXIF block for an eXIf chunk, or null
   * @return the file; a new array owned by the caller
   */
  byte[] write(Image image, int level, boolean srgb, byte[] exif) {
    if (level < 0 || level > 9) {
      throw new IllegalArgumentException("PNG compression level must be 0..9: " + level);
    }
    size = 0;
    put(SIGNATURE, 0, SIGNATURE.length);
    chunk("IHDR", header(image));
    if (srgb) {
      chunk("sRGB", new byte[] {0});
    }
    if (exif != null) {
      chunk("eXIf", exif);
    }
    pixels(image, level);
    chunk("IEND", new byte[0]);
    byte[] file = Arrays.copyOf(out, size);
    if (out.length > KEEP_BYTES) {
      out = new byte[1 << 16]; // don't pin one huge image's buffer for the life of the thread
    }
    return file;
  }

  private static byte[] header(Image image) {
    byte[] h = new byte[13];
    putInt(h, 0, image.width());
    putInt(h, 4, image.height());
    h[8] = (byte) image.bitDepth();
    h[9] = (byte) switch (image.channels()) {
      case 1 -> 0;
      case 2 -> 4;
      case 3 -> 2;
      default -> 6;
    };
    return h;
  }

  /** Filters every row and deflates them into IDAT chunks. */
  private void pixels(Image image, int level) {
    int bpp = image.channels() * image.bitDepth() / 8;
    int rowBytes = image.width() * bpp;
    // Rows are filtered a batch at a time so that each deflate call sees ~64 KB or more.
    int rowsPerBatch = Math.max(1, (1 << 16) / (rowBytes + 1));
    filtered = grow(filtered, rowsPerBatch * (rowBytes + 1));
    raw = grow(raw, rowBytes);
    previous = grow(previous, rowBytes);
    deflater.reset();
    deflater.setLevel(level);
    int chunkStart = openIdat();
    for (int y = 0; y < image.height(); y += rowsPerBatch) {
      int rows = Math.min(rowsPerBatch, image.height() - y);
      int n = 0;
      for (int r = 0; r < rows; r++) {
        n = filterRow(image, y + r, level, bpp, rowBytes, n);
      }
      deflater.setInput(filtered, 0, n);
      chunkStart = drain(chunkStart, false);
    }
    deflater.finish();
    chunkStart = drain(chunkStart, true);
    closeIdat(chunkStart);
  }

  /** Appends filter byte and filtered row {@code y} to {@code filtered} at {@code at}. */
  private int filterRow(Image image, int y, int level, int bpp, int rowBytes, int at) {
    byte[] row = rowBytes(image, y, rowBytes);
    int rowStart = image.bitDepth() == 8 ? y * rowBytes : 0;
    if (level == 0) {
      filtered[at] = 0;
      System.arraycopy(row, rowStart, filtered, at + 1, rowBytes);
    } else if (y == 0) {
      filtered[at] = 1;
      PngFilters.sub(row, rowStart, rowBytes, bpp, filtered, at + 1);
    } else {
      byte[] up = image.bitDepth() == 8 ? row : previous;
      int upStart = image.bitDepth() == 8 ? rowStart - rowBytes : 0;
      if (level <= FAST_LEVELS) {
        filtered[at] = 2;
        PngFilters.up(row, rowStart, up, upStart, rowBytes, filtered, at + 1);
      } else {
        filtered[at] = 4;
        PngFilters.paeth(row, rowStart, up, upStart, rowBytes, bpp, filtered, at + 1);
      }
    }
    if (image.bitDepth() == 16) {
      byte[] t = previous;
      previous = raw;
      raw = t;
    }
    return at + 1 + rowBytes;
  }

  /**
   * The unfiltered bytes of row {@code y}: the image's own array for 8 bits (the row starts at
   * {@code y * rowBytes}), or the row written big-endian into {@link #raw} for 16 bits.
   */
  private byte[] rowBytes(Image image, int y, int rowBytes) {
    if (image.bitDepth() == 8) {
      return image.samples8();
    }
    short[] s = image.samples16();
    int base = y * (rowBytes / 2);
    for (int i = 0, o = 0; o < rowBytes; i++, o += 2) {
      short v = s[base + i];
      raw[o] = (byte) (v >>> 8);
      raw[o + 1] = (byte) v;
    }
    return raw;
  }

  /** Deflates into the open IDAT chunk, closing and opening chunks as they fill. */
  private int drain(int chunkStart, boolean finishing) {
    while (finishing ? !deflater.finished() : !deflater.needsInput()) {
      int room = chunkStart + 8 + IDAT_MAX - size;
      if (room == 0) {
        closeIdat(chunkStart);
        chunkStart = openIdat();
        room = IDAT_MAX;
      }
      ensure(room);
      size += deflater.deflate(out, size, room);
    }
    return chunkStart;
  }

  private int openIdat() {
    ensure(8);
    int start = size;
    putInt(out, start + 4, 0x49444154); // "IDAT"
    size += 8;
    return start;
  }

  private void closeIdat(int start) {
    int length = size - start - 8;
    putInt(out, start, length);
    crc.reset();
    crc.update(out, start + 4, length + 4);
    ensure(4);
    putInt(out, size, (int) crc.getValue());
    size += 4;
  }

  private void chunk(String type, byte[] data) {
    ensure(12 + data.length);
    putInt(out, size, data.length);
    byte[] name = type.getBytes(StandardCharsets.ISO_8859_1);
    System.arraycopy(name, 0, out, size + 4, 4);
    System.arraycopy(data, 0, out, size + 8, data.length);
    crc.reset();
    crc.update(out, size + 4, 4 + data.length);
    putInt(out, size + 8 + data.length, (int) crc.getValue());
    size += 12 + data.length;
  }

  private void put(byte[] b, int off, int len) {
    ensure(len);
    System.arraycopy(b, off, out, size, len);
    size += len;
  }

  private void ensure(int more) {
    if (size + more > out.length) {
      out = Arrays.copyOf(out, Math.max(size + more, out.length * 2));
    }
  }

  private static byte[] grow(byte[] b, int n) {
    return b.length >= n ? b : new byte[n];
  }

  private static void putInt(byte[] b, int at, int v) {
    b[at] = (byte) (v >>> 24);
    b[at + 1] = (byte) (v >>> 16);
    b[at + 2] = (byte) (v >>> 8);
    b[at + 3] = (byte) v;
  }
}
