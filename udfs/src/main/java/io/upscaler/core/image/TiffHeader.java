package io.upscaler.core.image;

import io.upscaler.core.UpscaleException;
import java.util.HashMap;
import java.util.Map;

/**
 * TIFF and BigTIFF: the first IFD (page). The IFD can sit anywhere in the file, often at the end,
 * so a probe of a prefix may need more bytes. Decode mode checks that every value and every
 * strip or tile of the first page lies inside the file, which catches truncation and absurd
 * counts before a reader allocates for them.
 */
final class TiffHeader {
  private static final int[] TYPE_SIZES = {0, 1, 1, 2, 4, 8, 1, 1, 2, 4, 8, 4, 8, 4, 0, 0, 8, 8, 8};
  private static final int MAX_ENTRIES = 4096;

  private TiffHeader() {}

  /** One IFD entry: where its values are and how they are typed. */
  private record Entry(int type, long count, long valueAt) {}

  static Header parse(ByteView v, boolean decode) throws UpscaleException {
    boolean be = v.u8(0) == 'M';
    boolean big = v.u16(2, be) == 43;
    long ifd = big ? v.u64(8, be) : v.u32(4, be);
    if (ifd < 8 || (big && v.u16(4, be) != 8)) {
      throw v.corrupt("first IFD offset " + ifd);
    }
    long count = big ? v.u64(ifd, be) : v.u16(ifd, be);
    if (count == 0 || count > MAX_ENTRIES) {
      throw v.corrupt(count + " entries in the first IFD");
    }
    int entrySize = big ? 20 : 12;
    long first = ifd + (big ? 8 : 2);
    v.need(first + count * entrySize);
    Map<Integer, Entry> tags = new HashMap<>();
    for (long i = 0; i < count; i++) {
      long e = first + i * entrySize;
      int type = v.u16(e + 2, be);
      long n = big ? v.u64(e + 4, be) : v.u32(e + 4, be);
      int size = type < TYPE_SIZES.length ? TYPE_SIZES[type] : 0;
      long field = e + (big ? 12 : 8);
      boolean inline = size > 0 && n * size <= (big ? 8 : 4);
      long at = inline ? field : (big ? v.u64(field, be) : v.u32(field, be));
      if (decode && size > 0 && n > Integer.MAX_VALUE / size) {
        throw v.corrupt("tag " + v.u16(e, be) + " declares " + n + " values");
      }
      if (decode && size > 0 && at + n * size > v.length()) {
        throw v.truncated("the values of tag " + v.u16(e, be) + " lie past the end");
      }
      tags.put(v.u16(e, be), new Entry(type, n, at));
    }
    Header h = describe(v, be, tags);
    if (decode) {
      checkData(v, be, tags.get(273), tags.get(279));
      checkData(v, be, tags.get(324), tags.get(325));
    }
    return h;
  }

  private static Header describe(ByteView v, boolean be, Map<Integer, Entry> tags)
      throws UpscaleException {
    long width = value(v, be, tags.get(256), 0, 0);
    long height = value(v, be, tags.get(257), 0, 0);
    v.declare(width, height);
    if (width <= 0 || height <= 0 || width > Integer.MAX_VALUE || height > Integer.MAX_VALUE) {
      throw v.corrupt("size " + width + "x" + height);
    }
    int spp = (int) value(v, be, tags.get(277), 0, 1);
    int bits = (int) value(v, be, tags.get(258), 0, 1);
    int photometric = (int) value(v, be, tags.get(262), 0, spp >= 3 ? 2 : 1);
    int extra = (int) value(v, be, tags.get(338), 0, 0);
    int colour = colourChannels(v, photometric);
    boolean alpha = photometric != 3 && (extra == 1 || extra == 2);
    if (bits < 1 || bits > 64 || spp < 1) {
      throw v.corrupt(spp + " samples of " + bits + " bits");
    }
    int depth = bits > 8 && photometric != 3 ? 16 : 8;
    int orientation = (int) value(v, be, tags.get(274), 0, 1);
    return Header.of(ImageFormat.TIFF, width, height, colour + (alpha ? 1 : 0), depth, alpha)
        .withOrientation(orientation);
  }

  private static int colourChannels(ByteView v, int photometric) throws UpscaleException {
    switch (photometric) {
      case 0: case 1: case 4:
        return 1;
      case 2: case 3: case 5: case 6: case 8: case 9: case 10:
        return 3;
      default:
        throw v.unsupported("photometric interpretation " + photometric);
    }
  }

  /** Value {@code i} of an integer-typed entry, or {@code fallback} when absent. */
  private static long value(ByteView v, boolean be, Entry e, long i, long fallback)
      throws NeedMoreBytesException {
    if (e == null || i >= e.count()) {
      return fallback;
    }
    switch (e.type()) {
      case 1: case 7: return v.u8(e.valueAt() + i);
      case 3: return v.u16(e.valueAt() + 2 * i, be);
      case 4: case 13: return v.u32(e.valueAt() + 4 * i, be);
      case 16: case 18: return v.u64(e.valueAt() + 8 * i, be);
      default: return fallback;
    }
  }

  /** Every strip (or tile) of the first page must lie inside the file. */
  private static void checkData(ByteView v, boolean be, Entry offsets, Entry counts)
      throws UpscaleException {
    if (offsets == null || counts == null) {
      return;
    }
    if (offsets.count() != counts.count()) {
      throw v.corrupt(offsets.count() + " strip offsets but " + counts.count() + " byte counts");
    }
    for (long i = 0; i < offsets.count(); i++) {
      long end = value(v, be, offsets, i, 0) + value(v, be, counts, i, 0);
      if (end > v.length()) {
        throw v.truncated(String.format("strip or tile %d ends at byte %,d", i, end));
      }
    }
  }
}
