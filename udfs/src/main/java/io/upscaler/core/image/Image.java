package io.upscaler.core.image;

import java.awt.Point;
import java.awt.Transparency;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.DataBufferByte;
import java.awt.image.DataBufferUShort;
import java.awt.image.PixelInterleavedSampleModel;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;

/**
 * Pixels in sRGB (or grey with the sRGB transfer curve), interleaved, 8 or 16 bits per sample.
 *
 * <p>Channel layouts: 1 = grey, 2 = grey + alpha, 3 = RGB, 4 = RGBA. Alpha is straight (not
 * premultiplied). Samples are stored in a {@code byte[]} (8-bit) or {@code short[]} (16-bit, read
 * unsigned) of length {@code width * height * channels}, row-major; this class owns the array and
 * hands it out only through {@link #toBufferedImage()}, which wraps it without copying, and to the
 * bulk paths of the codecs and tiles ({@link #samples8()}, {@link #samples16()}), which read and
 * write it in place.
 *
 * <p>Not thread-safe for writes; images are built by one thread and read afterwards.
 */
public final class Image {
  /** Largest sample count a Java array can hold, minus headroom. */
  public static final long MAX_SAMPLES = Integer.MAX_VALUE - 16L;

  private final int width;
  private final int height;
  private final int channels;
  private final int bitDepth;
  private final byte[] bytes;
  private final short[] shorts;

  private Image(int width, int height, int channels, int bitDepth, byte[] bytes, short[] shorts) {
    this.width = width;
    this.height = height;
    this.channels = channels;
    this.bitDepth = bitDepth;
    this.bytes = bytes;
    this.shorts = shorts;
  }

  /**
   * A black, fully transparent image.
   *
   * @throws IllegalArgumentException for non-positive sizes, a channel count outside 1..4, a bit
   *     depth other than 8 or 16, or more samples than a Java array holds
   */
  public static Image allocate(int width, int height, int channels, int bitDepth) {
    long samples = checkedSamples(width, height, channels, bitDepth);
    return bitDepth == 8
        ? new Image(width, height, channels, 8, new byte[(int) samples], null)
        : new Image(width, height, channels, 16, null, new short[(int) samples]);
  }

  /** Wraps existing 8-bit samples (not copied). */
  public static Image wrap8(int width, int height, int channels, byte[] samples) {
    long n = checkedSamples(width, height, channels, 8);
    if (samples.length != n) {
      throw new IllegalArgumentException("expected " + n + " samples, got " + samples.length);
    }
    return new Image(width, height, channels, 8, samples, null);
  }

  /** Wraps existing 16-bit samples (not copied). */
  public static Image wrap16(int width, int height, int channels, short[] samples) {
    long n = checkedSamples(width, height, channels, 16);
    if (samples.length != n) {
      throw new IllegalArgumentException("expected " + n + " samples, got " + samples.length);
    }
    return new Image(width, height, channels, 16, null, samples);
  }

  private static long checkedSamples(int width, int height, int channels, int bitDepth) {
    if (width <= 0 || height <= 0) {
      throw new IllegalArgumentException("image size must be positive: " + width + "x" + height);
    }
    if (channels < 1 || channels > 4) {
      throw new IllegalArgumentException("channels must be 1..4: " + channels);
    }
    if (bitDepth != 8 && bitDepth != 16) {
      throw new IllegalArgumentException("bit depth must be 8 or 16: " + bitDepth);
    }
    long samples = (long) width * height * channels;
    if (samples > MAX_SAMPLES) {
      throw new IllegalArgumentException(
          "image too large for one raster: " + width + "x" + height + "x" + channels);
    }
    return samples;
  }

  public int width() {
    return width;
  }

  public int height() {
    return height;
  }

  /** 1 grey, 2 grey+alpha, 3 RGB, 4 RGBA. */
  public int channels() {
    return channels;
  }

  /** 8 or 16. */
  public int bitDepth() {
    return bitDepth;
  }

  public boolean hasAlpha() {
    return channels == 2 || channels == 4;
  }

  public boolean isGrey() {
    return channels <= 2;
  }

  /** Colour channels without alpha: 1 or 3. */
  public int colorChannels() {
    return isGrey() ? 1 : 3;
  }

  /** Largest sample value: 255 or 65535. */
  public int maxValue() {
    return bitDepth == 8 ? 0xFF : 0xFFFF;
  }

  /** Bytes held by the sample array. */
  public long sizeInBytes() {
    return (long) width * height * channels * (bitDepth / 8);
  }

  /**
   * The live 8-bit sample array (not a copy): for bulk conversions that would otherwise go
   * through {@link #raw}/{@link #setRaw} one sample at a time.
   *
   * @throws IllegalStateException for a 16-bit image
   */
  public byte[] samples8() {
    if (bytes == null) {
      throw new IllegalStateException("not an 8-bit image: " + this);
    }
    return bytes;
  }

  /**
   * The live 16-bit sample array (not a copy; values unsigned).
   *
   * @throws IllegalStateException for an 8-bit image
   */
  public short[] samples16() {
    if (shorts == null) {
      throw new IllegalStateException("not a 16-bit image: " + this);
    }
    return shorts;
  }

  /** Raw sample at an interleaved index, 0..{@link #maxValue()}. */
  public int raw(int index) {
    return bitDepth == 8 ? bytes[index] & 0xFF : shorts[index] & 0xFFFF;
  }

  /** Sets a raw sample; the value is clamped to 0..{@link #maxValue()}. */
  public void setRaw(int index, int value) {
    int v = Math.max(0, Math.min(maxValue(), value));
    if (bitDepth == 8) {
      bytes[index] = (byte) v;
    } else {
      shorts[index] = (short) v;
    }
  }

  /** Sample {@code c} of pixel (x, y) scaled to 0..1. */
  public float get(int x, int y, int c) {
    return raw((y * width + x) * channels + c) / (float) maxValue();
  }

  /** Sets sample {@code c} of pixel (x, y) from 0..1, rounded and clamped. */
  public void set(int x, int y, int c, float value) {
    setRaw((y * width + x) * channels + c, Math.round(value * maxValue()));
  }

  /** Index of the first sample of pixel (x, y) in the interleaved array. */
  public int index(int x, int y) {
    return (y * width + x) * channels;
  }

  /**
   * Wraps the samples as a {@link BufferedImage} without copying: an interleaved raster with a
   * {@link ComponentColorModel} in sRGB or linear-grey-as-stored (ImageIO writers treat grey as
   * is). Writes to the returned image change this one.
   */
  public BufferedImage toBufferedImage() {
    int dataType = bitDepth == 8 ? DataBuffer.TYPE_BYTE : DataBuffer.TYPE_USHORT;
    DataBuffer buffer =
        bitDepth == 8
            ? new DataBufferByte(bytes, bytes.length)
            : new DataBufferUShort(shorts, shorts.length);
    int[] offsets = new int[channels];
    for (int i = 0; i < channels; i++) {
      offsets[i] = i;
    }
    PixelInterleavedSampleModel sampleModel =
        new PixelInterleavedSampleModel(dataType, width, height, channels, width * channels, offsets);
    WritableRaster raster = Raster.createWritableRaster(sampleModel, buffer, new Point(0, 0));
    ColorSpace space = ColorSpace.getInstance(isGrey() ? ColorSpace.CS_GRAY : ColorSpace.CS_sRGB);
    boolean alpha = hasAlpha();
    ComponentColorModel colorModel =
        new ComponentColorModel(
            space, alpha, false, alpha ? Transparency.TRANSLUCENT : Transparency.OPAQUE, dataType);
    return new BufferedImage(colorModel, raster, false, null);
  }

  @Override
  public String toString() {
    return "Image[" + width + "x" + height + ", " + channels + " ch, " + bitDepth + "-bit]";
  }
}
