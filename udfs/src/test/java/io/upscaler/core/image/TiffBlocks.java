package io.upscaler.core.image;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** Builds small EXIF (TIFF-structured) blocks for tests. */
final class TiffBlocks {
  private TiffBlocks() {}

  /** Little-endian EXIF: IFD0 {Orientation, ExifIFD}, ExifIFD {PixelX (LONG), PixelY (SHORT)}. */
  static byte[] exifWithPixelSize(int orientation, int width, int height) {
    ByteBuffer b = ByteBuffer.allocate(8 + 2 + 24 + 4 + 2 + 24 + 4).order(ByteOrder.LITTLE_ENDIAN);
    b.put((byte) 'I').put((byte) 'I').putShort((short) 42).putInt(8);
    b.putShort((short) 2);
    b.putShort((short) 0x0112).putShort((short) 3).putInt(1).putShort((short) orientation)
        .putShort((short) 0);
    b.putShort((short) 0x8769).putShort((short) 4).putInt(1).putInt(38);
    b.putInt(0);
    b.putShort((short) 2);
    b.putShort((short) 0xA002).putShort((short) 4).putInt(1).putInt(width);
    b.putShort((short) 0xA003).putShort((short) 3).putInt(1).putShort((short) height)
        .putShort((short) 0);
    b.putInt(0);
    return b.array();
  }

  /** {PixelXDimension, PixelYDimension} from a block made by {@link #exifWithPixelSize}. */
  static long[] pixelSize(byte[] exif) {
    ByteBuffer b = ByteBuffer.wrap(exif).order(ByteOrder.LITTLE_ENDIAN);
    return new long[] {b.getInt(38 + 2 + 8), b.getShort(38 + 2 + 12 + 8) & 0xFFFF};
  }
}
