package io.upscaler.core.image;

import com.twelvemonkeys.imageio.stream.ByteArrayImageInputStream;
import io.upscaler.core.ErrorClass;
import io.upscaler.core.UpscaleException;
import java.awt.Transparency;
import java.awt.color.ColorSpace;
import java.awt.color.ICC_ColorSpace;
import java.awt.color.ICC_Profile;
import java.awt.image.BufferedImage;
import java.awt.image.ColorConvertOp;
import java.awt.image.ColorModel;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.IndexColorModel;
import java.io.IOException;
import javax.imageio.ImageReader;
import javax.imageio.spi.ImageReaderSpi;
import javax.imageio.stream.ImageInputStream;

/**
 * Reads image headers and decodes images into the canonical {@link Image}: upright (EXIF
 * orientation applied), sRGB (embedded ICC profiles converted), 8 or 16 bits, 1 to 4 channels.
 *
 * <p>The format is told from the bytes, never from a name. Sizes come from our own header parsers
 * first, so limits are enforced before any plugin allocates a raster, and the structure of the
 * whole file is checked (truncation, absurd counts, progressive scan bombs) before pixels are
 * decoded. Every failure is an {@link UpscaleException} with a distinct {@link ErrorClass}.
 *
 * <p>Stateless and thread-safe: one instance can serve all task threads of a JVM. Each call
 * creates its own ImageIO reader (readers are not thread-safe).
 */
public final class ImageDecoder {

  /**
   * The header facts of an image (or of a prefix of it), without decoding pixels.
   *
   * @param bytes the whole encoded image or a prefix of it (e.g. the first 64-256 KB)
   * @return format, upright width and height, channels and bit depth of the decoded image, alpha
   * @throws NeedMoreBytesException (error class TRUNCATED_IMAGE) when the header continues past
   *     the end of {@code bytes}: for a prefix, read at least {@link
   *     NeedMoreBytesException#bytesNeeded()} bytes and probe again; for a whole file it means the
   *     file is truncated. Usually JPEG/PNG/GIF/BMP/PSD need only the first few KB; a TIFF whose
   *     first directory is at the end, or a WebP with EXIF, may need the whole file.
   * @throws UpscaleException EMPTY_IMAGE, UNSUPPORTED_FORMAT or CORRUPT_IMAGE
   */
  public ImageInfo probe(byte[] bytes) throws UpscaleException {
    ImageFormat format = FormatSniffer.detect(bytes);
    try {
      return parse(new ByteView(bytes, format), false).info();
    } catch (RuntimeException e) {
      throw DecodeErrors.classify(e, format, bytes.length, null);
    }
  }

  /**
   * Decodes a whole encoded image.
   *
   * @param bytes the complete file
   * @param limits refused before decoding: more bytes than {@code maxBytes} (TOO_MANY_BYTES),
   *     more pixels than {@code maxPixels} declared by the header (TOO_MANY_PIXELS)
   * @return the upright sRGB image, its header facts ({@code info()} equals {@link #probe}'s
   *     answer), the EXIF block (JPEG, PNG eXIf, WebP; orientation not yet reset) and whether an
   *     embedded non-sRGB ICC profile was converted
   * @throws UpscaleException EMPTY_IMAGE, UNSUPPORTED_FORMAT, CORRUPT_IMAGE, TRUNCATED_IMAGE,
   *     TOO_MANY_BYTES, TOO_MANY_PIXELS, OUT_OF_MEMORY (a last resort if the JVM's heap is smaller
   *     than the limits allow), or INTERNAL when no reader for the format is on the classpath
   */
  public DecodedImage decode(byte[] bytes, DecodeLimits limits) throws UpscaleException {
    ImageFormat format = FormatSniffer.detect(bytes);
    limits.checkBytes(format, bytes.length);
    ByteView view = new ByteView(bytes, format);
    Header h = null;
    try {
      limits.checkPixels(parseWhole(view, false, limits).info());
      h = parseWhole(view, true, limits);
      BufferedImage raw = read(bytes, h, limits);
      Pixels px = toCanonical(raw, h);
      Image upright = Orientation.apply(placeFrame(px.image(), h), h.orientation());
      return new DecodedImage(upright, h.info(), h.exif(), px.iccConverted());
    } catch (Exception | OutOfMemoryError | StackOverflowError e) {
      throw DecodeErrors.classify(e, format, bytes.length, h);
    }
  }

  static Header parse(ByteView v, boolean decode) throws UpscaleException {
    switch (v.format()) {
      case PNG: return PngHeader.parse(v, decode);
      case JPEG: return JpegHeader.parse(v, decode);
      case GIF: return GifHeader.parse(v, decode);
      case BMP: return BmpHeader.parse(v, decode);
      case TIFF: return TiffHeader.parse(v, decode);
      case WEBP: return WebpHeader.parse(v, decode);
      case PSD: return PsdHeader.parse(v, decode);
      default: throw new UpscaleException(ErrorClass.UNSUPPORTED_FORMAT,
          "no decoder for " + v.format());
    }
  }

  /**
   * The header of a whole file (with {@code structure}: plus the structure checks); a short read
   * here means truncation. The plain header comes first so that a huge declared size is reported
   * as such even when the data is also short.
   */
  private static Header parseWhole(ByteView v, boolean structure, DecodeLimits limits)
      throws UpscaleException {
    try {
      return parse(v, structure);
    } catch (NeedMoreBytesException e) {
      limits.checkDeclared(e);
      throw v.truncated(String.format("its structure continues to byte %,d", e.bytesNeeded()));
    }
  }

  private static BufferedImage read(byte[] bytes, Header h, DecodeLimits limits)
      throws IOException, UpscaleException {
    ImageReaderSpi spi = ReaderTable.provider(h.format());
    if (spi == null) {
      throw new UpscaleException(ErrorClass.INTERNAL,
          "no ImageIO reader for " + h.format() + " on the classpath (TwelveMonkeys missing?)");
    }
    ImageReader reader = spi.createReaderInstance();
    try (ImageInputStream in = new ByteArrayImageInputStream(bytes)) {
      reader.setInput(in, false, true);
      // Defence in depth: the plugin's own idea of the size must also be within the limit.
      long pixels = (long) reader.getWidth(0) * reader.getHeight(0);
      if (pixels > limits.maxPixels() || pixels > h.pixels()) {
        throw new UpscaleException(ErrorClass.CORRUPT_IMAGE, String.format(
            "the %s decoder sees %dx%d pixels but the header declares %dx%d", h.format(),
            reader.getWidth(0), reader.getHeight(0), h.width(), h.height()));
      }
      BufferedImage image = reader.read(0, reader.getDefaultReadParam());
      checkSize(image, h);
      return image;
    } finally {
      reader.dispose();
    }
  }

  /** The plugin must have decoded what the header declares (the first frame, for animations). */
  private static void checkSize(BufferedImage image, Header h) throws UpscaleException {
    int[] f = h.frame();
    int w = f == null ? h.width() : f[2];
    int hh = f == null ? h.height() : f[3];
    if (image.getWidth() != w || image.getHeight() != hh) {
      throw new UpscaleException(ErrorClass.CORRUPT_IMAGE, String.format(
          "the %s decoder produced %dx%d pixels but the header declares %dx%d", h.format(),
          image.getWidth(), image.getHeight(), w, hh));
    }
  }

  /** A canonical image and whether an embedded profile was converted on the way. */
  private record Pixels(Image image, boolean iccConverted) {}

  private static Pixels toCanonical(BufferedImage bi, Header h) {
    ColorModel cm = bi.getColorModel();
    ColorSpace cs = cm.getColorSpace();
    boolean readerConverted = h.iccProfile() != null && h.format() != ImageFormat.PNG
        && !IccConversion.isSrgb(h.iccProfile());
    ICC_Profile from = null;
    if (!(cm instanceof IndexColorModel)) {
      if (cs.getType() != ColorSpace.TYPE_RGB && cs.getType() != ColorSpace.TYPE_GRAY) {
        bi = toSrgb(bi, h.bitDepth());
        readerConverted = true;
      } else if (cs instanceof ICC_ColorSpace && !cs.isCS_sRGB()
          && cs != ColorSpace.getInstance(ColorSpace.CS_GRAY)) {
        from = ((ICC_ColorSpace) cs).getProfile();
      }
    }
    if (from == null && h.format() == ImageFormat.PNG) {
      from = IccConversion.parse(h.iccProfile());
    }
    Image img = RasterConverter.toImage(bi, h.channels(), h.bitDepth(), h.colorKey());
    if (from != null && !IccConversion.isSrgb(from)) {
      return new Pixels(IccConversion.toSrgb(img, from), true);
    }
    return new Pixels(img, readerConverted);
  }

  /**
   * CMYK, Lab and other non-RGB spaces: the whole image converted to sRGB first, keeping alpha
   * and 16-bit precision.
   */
  private static BufferedImage toSrgb(BufferedImage bi, int bitDepth) {
    boolean alpha = bi.getColorModel().hasAlpha();
    int dataType = bitDepth == 16 ? DataBuffer.TYPE_USHORT : DataBuffer.TYPE_BYTE;
    ComponentColorModel cm = new ComponentColorModel(ColorSpace.getInstance(ColorSpace.CS_sRGB),
        alpha, false, alpha ? Transparency.TRANSLUCENT : Transparency.OPAQUE, dataType);
    BufferedImage out = new BufferedImage(cm,
        cm.createCompatibleWritableRaster(bi.getWidth(), bi.getHeight()), false, null);
    new ColorConvertOp(null).filter(bi, out);
    return out;
  }

  /** GIF: the first frame placed on the logical screen; uncovered pixels are transparent. */
  private static Image placeFrame(Image frame, Header h) {
    int[] f = h.frame();
    if (f == null || (frame.width() == h.width() && frame.height() == h.height())) {
      return frame;
    }
    Image canvas = Image.allocate(h.width(), h.height(), frame.channels(), frame.bitDepth());
    int w = Math.min(frame.width(), h.width() - f[0]);
    int rows = Math.min(frame.height(), h.height() - f[1]);
    for (int y = 0; y < rows; y++) {
      for (int x = 0; x < w; x++) {
        int si = frame.index(x, y);
        int di = canvas.index(f[0] + x, f[1] + y);
        for (int c = 0; c < frame.channels(); c++) {
          canvas.setRaw(di + c, frame.raw(si + c));
        }
      }
    }
    return canvas;
  }
}
