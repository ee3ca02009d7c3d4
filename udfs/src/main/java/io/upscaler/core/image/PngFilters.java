package io.upscaler.core.image;

/**
 * PNG row filters (ISO/IEC 15948 section 9): each writes {@code n} filtered bytes of one row to
 * {@code dst} at {@code d}, reading the row at {@code src[s..s+n)} and, for Up and Paeth, the row above
 * at {@code up[u..u+n)}. {@code bpp} is bytes per complete pixel (at least 1).
 */
final class PngFilters {
  private PngFilters() {}

  /** Filter type 1: each byte minus the byte one pixel to its left. */
  static void sub(byte[] src, int s, int n, int bpp, byte[] dst, int d) {
    System.arraycopy(src, s, dst, d, Math.min(bpp, n));
    for (int i = bpp; i < n; i++) {
      dst[d + i] = (byte) (src[s + i] - src[s + i - bpp]);
    }
  }

  /** Filter type 2: each byte minus the byte above it. */
  static void up(byte[] src, int s, byte[] up, int u, int n, byte[] dst, int d) {
    for (int i = 0; i < n; i++) {
      dst[d + i] = (byte) (src[s + i] - up[u + i]);
    }
  }

  /** Filter type 4: each byte minus the Paeth predictor of left, above and upper-left. */
  static void paeth(byte[] src, int s, byte[] up, int u, int n, int bpp, byte[] dst, int d) {
    int lead = Math.min(bpp, n);
    for (int i = 0; i < lead; i++) {
      dst[d + i] = (byte) (src[s + i] - up[u + i]); // no left: the predictor is the byte above
    }
    for (int i = bpp; i < n; i++) {
      int a = src[s + i - bpp] & 0xFF;
      int b = up[u + i] & 0xFF;
      int c = up[u + i - bpp] & 0xFF;
      dst[d + i] = (byte) (src[s + i] - predictor(a, b, c));
    }
  }

  /** The Paeth predictor: whichever of a, b, c is closest to a + b - c (ties: a, then b). */
  static int predictor(int a, int b, int c) {
    int pa = Math.abs(b - c);
    int pb = Math.abs(a - c);
    int pc = Math.abs(a + b - 2 * c);
    // Branch-free (photos make these comparisons unpredictable): c where pc < pb, else b; then
    // that one where min(pb, pc) < pa, else a.
    int useC = (pc - pb) >> 31;
    int bc = (b & ~useC) | (c & useC);
    int useBc = (Math.min(pb, pc) - pa) >> 31;
    return (a & ~useBc) | (bc & useBc);
  }
}
