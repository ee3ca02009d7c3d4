package io.upscaler.core.image;

import io.upscaler.core.UpscaleException;

/**
 * GIF: logical screen, then blocks up to the first image descriptor. The decoded image is the
 * first frame placed on the logical screen; it has alpha when the frame declares a transparent
 * index or does not cover the whole screen. Decode mode also checks that the first frame's data
 * is complete.
 */
final class GifHeader {
  private GifHeader() {}

  static Header parse(ByteView v, boolean decode) throws UpscaleException {
    int screenW = v.u16le(6);
    int screenH = v.u16le(8);
    int packed = v.u8(10);
    long pos = 13 + ((packed & 0x80) != 0 ? 3L << ((packed & 7) + 1) : 0);
    boolean transparent = false;
    while (true) {
      int block = v.u8(pos);
      if (block == 0x21) {
        int label = v.u8(pos + 1);
        if (label == 0xF9 && v.u8(pos + 2) >= 4) {
          transparent = (v.u8(pos + 3) & 1) != 0;
        }
        pos = skipSubBlocks(v, pos + 2, decode);
      } else if (block == 0x2C) {
        return frame(v, pos, screenW, screenH, transparent, decode);
      } else if (block == 0x3B) {
        throw v.corrupt("no image before the trailer");
      } else {
        throw v.corrupt(String.format("unknown block 0x%02X at byte %d", block, pos));
      }
    }
  }

  private static Header frame(ByteView v, long pos, int screenW, int screenH, boolean trns,
      boolean decode) throws UpscaleException {
    int left = v.u16le(pos + 1);
    int top = v.u16le(pos + 3);
    int w = v.u16le(pos + 5);
    int h = v.u16le(pos + 7);
    if (w == 0 || h == 0) {
      throw v.corrupt("first frame is " + w + "x" + h);
    }
    // Broken encoders write a 0x0 or too small screen; viewers then grow it to the frame.
    int canvasW = Math.max(screenW, left + w);
    int canvasH = Math.max(screenH, top + h);
    boolean covers = left == 0 && top == 0 && w == canvasW && h == canvasH;
    boolean alpha = trns || !covers;
    if (decode) {
      int packed = v.u8(pos + 9);
      long data = pos + 10 + ((packed & 0x80) != 0 ? 3L << ((packed & 7) + 1) : 0);
      v.u8(data); // LZW minimum code size
      skipSubBlocks(v, data + 1, true);
    }
    return Header.of(ImageFormat.GIF, canvasW, canvasH, alpha ? 4 : 3, 8, alpha)
        .withFrame(new int[] {left, top, w, h});
  }

  /** Skips data sub-blocks starting at {@code pos}; returns the position after the terminator. */
  private static long skipSubBlocks(ByteView v, long pos, boolean decode) throws UpscaleException {
    try {
      int size;
      while ((size = v.u8(pos)) != 0) {
        pos += size + 1;
      }
      return pos + 1;
    } catch (NeedMoreBytesException e) {
      if (decode) {
        throw v.truncated("the first frame's data ends early");
      }
      throw e;
    }
  }
}
