package io.upscaler.core.image;

import io.upscaler.core.UpscaleException;

/**
 * PSD and PSB: the 26-byte file header. The decoded image is Photoshop's merged composite: grey
 * (bitmap, greyscale, duotone), RGB (RGB, indexed, CMYK), with alpha when the composite has one
 * channel more than its colour channels. Lab, multichannel and 32-bit (float) documents are not
 * supported.
 */
final class PsdHeader {
  private static final int MODE_BITMAP = 0;
  private static final int MODE_GREY = 1;
  private static final int MODE_INDEXED = 2;
  private static final int MODE_RGB = 3;
  private static final int MODE_CMYK = 4;
  private static final int MODE_DUOTONE = 8;

  private PsdHeader() {}

  static Header parse(ByteView v, boolean decode) throws UpscaleException {
    int version = v.u16be(4);
    int channels = v.u16be(12);
    long height = v.u32be(14);
    long width = v.u32be(18);
    v.declare(width, height);
    int depth = v.u16be(22);
    int mode = v.u16be(24);
    long max = version == 2 ? 300_000 : 30_000;
    if (version != 1 && version != 2) {
      throw v.corrupt("version " + version);
    }
    if (width == 0 || height == 0 || width > max || height > max) {
      throw v.corrupt("size " + width + "x" + height + " (limit " + max + ")");
    }
    if (channels < 1 || channels > 56) {
      throw v.corrupt(channels + " channels");
    }
    if (depth == 32) {
      throw v.unsupported("32-bit (floating point) document");
    }
    if (depth != 1 && depth != 8 && depth != 16) {
      throw v.corrupt("bit depth " + depth);
    }
    int colour = colourChannels(v, mode);
    int stored = mode == MODE_CMYK ? 4 : colour;
    boolean alpha = mode != MODE_INDEXED && mode != MODE_BITMAP && channels > stored;
    int outDepth = depth == 16 ? 16 : 8;
    if (decode) {
      checkImageData(v, version == 2, channels, width, height, depth);
    }
    return Header.of(ImageFormat.PSD, width, height, colour + (alpha ? 1 : 0), outDepth, alpha);
  }

  /** Walks the sections to the merged image data and checks that all of it is present. */
  private static void checkImageData(ByteView v, boolean psb, int channels, long width,
      long height, int depth) throws UpscaleException {
    try {
      long pos = 26;
      pos += 4 + v.u32be(pos); // colour mode data
      pos += 4 + v.u32be(pos); // image resources
      pos += psb ? 8 + v.u64(pos, true) : 4 + v.u32be(pos); // layers and masks
      int compression = v.u16be(pos);
      long rows = channels * height;
      long rowBytes = (width * depth + 7) / 8;
      long end;
      if (compression == 0) {
        end = pos + 2 + rows * rowBytes;
      } else if (compression == 1) {
        int countSize = psb ? 4 : 2;
        v.need(pos + 2 + rows * countSize);
        end = pos + 2 + rows * countSize;
        for (long r = 0; r < rows; r++) {
          long at = pos + 2 + r * countSize;
          end += psb ? v.u32be(at) : v.u16be(at);
        }
      } else {
        return; // ZIP variants: the reader's own checks apply
      }
      v.need(end);
    } catch (NeedMoreBytesException e) {
      throw v.truncated(String.format("the merged image data needs %,d bytes", e.bytesNeeded()));
    }
  }

  private static int colourChannels(ByteView v, int mode) throws UpscaleException {
    switch (mode) {
      case MODE_BITMAP: case MODE_GREY: case MODE_DUOTONE:
        return 1;
      case MODE_INDEXED: case MODE_RGB: case MODE_CMYK:
        return 3;
      default:
        throw v.unsupported("colour mode " + mode + " (Lab or multichannel)");
    }
  }
}
