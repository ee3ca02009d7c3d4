package io.upscaler.core.image;

import io.upscaler.core.ErrorClass;
import io.upscaler.core.UpscaleException;
import com.luciad.imageio.webp.WebPWriteParam;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Locale;
import java.util.function.Consumer;
import javax.imageio.IIOImage;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.spi.ImageWriterSpi;
import javax.imageio.stream.ImageOutputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/**
 * Encodes a canonical {@link Image} as PNG, JPEG, WebP or TIFF.
 *
 * <ul>
 *   <li>PNG: 8 or 16 bits; grey, grey+alpha, RGB, RGBA as given, zlib level {@link
 *       EncodeOptions#pngCompression()} ({@link PngWriter}, straight from the sample array).
 *   <li>JPEG: 8 bits, quality 1..100; grey stays grey. JPEG has no alpha: an image with alpha is
 *       composited onto white ({@link EncodedImage#alphaFlattened()}). 16-bit input is rounded
 *       to 8 bits. (JDK writer, baseline, 4:2:0 chroma.) At most 65,535 pixels a side.
 *   <li>WebP: 8 bits, lossy with quality or lossless; alpha kept; grey written as RGB (WebP has
 *       no grey); 16-bit input rounded to 8 bits; effort {@link EncodeOptions#webpMethod()}
 *       (libwebp through webp-imageio). At most 16,383
 *       pixels a side.
 *   <li>TIFF: 8 or 16 bits, all layouts, Deflate (zip) compression (TwelveMonkeys writer).
 * </ul>
 *
 * <p>Thread-safe; each call uses its own ImageIO writer, or its thread's {@link PngWriter}, whose
 * buffers are reused across the images a thread encodes.
 */
public final class ImageEncoder {
  private static final int MAX_JPEG_SIDE = 65_535;
  private static final int MAX_WEBP_SIDE = 16_383;

  /** Encodes without EXIF (KEEP still marks the output sRGB). */
  public EncodedImage encode(Image image, EncodeOptions options) throws UpscaleException {
    return encode(image, null, options);
  }

  /**
   * Encodes {@code image}.
   *
   * @param exif the input's TIFF-structured EXIF block ({@link DecodedImage#exif()}), or null;
   *     written only with {@link MetadataPolicy#KEEP}, with orientation reset to 1
   * @throws UpscaleException ENCODE_FAILED (with the format, size and cause), or OUT_OF_MEMORY
   */
  public EncodedImage encode(Image image, byte[] exif, EncodeOptions options)
      throws UpscaleException {
    boolean keep = options.metadata() == MetadataPolicy.KEEP;
    byte[] block = keep && exif != null && Exif.ifd0(exif) > 0
        ? Exif.forOutput(exif, image.width(), image.height()) : null;
    try {
      switch (options.format()) {
        case PNG: return png(image, block, keep, options.pngCompression());
        case JPEG: return jpeg(image, block, options.quality());
        case WEBP: return webp(image, block, options);
        case TIFF: return tiff(image);
        default: throw failed(image, options.format(), "format not writable", null);
      }
    } catch (UpscaleException e) {
      throw e;
    } catch (OutOfMemoryError e) {
      throw new UpscaleException(ErrorClass.OUT_OF_MEMORY,
          "ran out of memory encoding " + image + " as " + options.format(), e);
    } catch (IOException | RuntimeException | LinkageError e) {
      throw failed(image, options.format(), String.valueOf(e.getMessage()), e);
    }
  }

  private static EncodedImage png(Image image, byte[] exif, boolean keep, int level) {
    byte[] bytes = PngWriter.forThread().write(image, level, keep, exif);
    return new EncodedImage(bytes, ImageFormat.PNG, image.bitDepth(), false, exif != null);
  }

  private static EncodedImage jpeg(Image image, byte[] exif, int quality)
      throws IOException, UpscaleException {
    checkSide(image, ImageFormat.JPEG, MAX_JPEG_SIDE);
    Image flat = PixelOps.flattenOnWhite(PixelOps.to8Bit(image));
    byte[] bytes = write(WriterTable.JPEG, flat, p -> p.setCompressionQuality(quality / 100f));
    boolean withExif = exif != null && exif.length <= MetadataWriter.MAX_JPEG_EXIF;
    bytes = withExif ? MetadataWriter.jpeg(bytes, exif) : bytes;
    return new EncodedImage(bytes, ImageFormat.JPEG, 8, image.hasAlpha(), withExif);
  }

  private static EncodedImage webp(Image image, byte[] exif, EncodeOptions options)
      throws IOException, UpscaleException {
    checkSide(image, ImageFormat.WEBP, MAX_WEBP_SIDE);
    Image rgb = PixelOps.greyToRgb(PixelOps.to8Bit(image));
    byte[] bytes = write(WriterTable.WEBP, rgb, p -> {
      p.setCompressionType(options.lossless() ? "Lossless" : "Lossy");
      if (!options.lossless()) {
        p.setCompressionQuality(options.quality() / 100f);
      }
      if (p instanceof WebPWriteParam webp) {
        webp.setMethod(options.webpMethod());
      }
    });
    bytes = exif != null ? MetadataWriter.webp(bytes, exif, image.width(), image.height()) : bytes;
    return new EncodedImage(bytes, ImageFormat.WEBP, 8, false, exif != null);
  }

  private static EncodedImage tiff(Image image) throws IOException {
    byte[] bytes = write(WriterTable.TIFF, image,
        p -> p.setCompressionType(WriterTable.tiffCompression(p)));
    return new EncodedImage(bytes, ImageFormat.TIFF, image.bitDepth(), false, false);
  }

  /**
   * Writes with a fresh writer; {@code settings}, when given, adjusts an explicit-compression
   * parameter block (null keeps the writer's defaults).
   */
  private static byte[] write(ImageWriterSpi spi, Image image,
      Consumer<ImageWriteParam> settings) throws IOException {
    ImageWriter writer = WriterTable.create(spi);
    ImageWriteParam param = null;
    if (settings != null) {
      param = writer.getDefaultWriteParam();
      param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
      settings.accept(param);
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(
        (int) Math.min(Integer.MAX_VALUE - 16, image.sizeInBytes() / 4 + 1024));
    try (ImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
      writer.setOutput(out);
      writer.write(null, new IIOImage(image.toBufferedImage(), null, null), param);
    } finally {
      writer.dispose();
    }
    return bytes.toByteArray();
  }

  private static void checkSide(Image image, ImageFormat format, int max)
      throws UpscaleException {
    if (image.width() > max || image.height() > max) {
      throw failed(image, format, String.format(
          "%s holds at most %,d pixels a side", format.name(), max), null);
    }
  }

  private static UpscaleException failed(Image image, ImageFormat format, String why,
      Throwable cause) {
    String msg = String.format(Locale.ROOT, "could not encode %dx%d %d-channel %d-bit image as %s:"
        + " %s", image.width(), image.height(), image.channels(), image.bitDepth(), format.name(),
        why);
    return new UpscaleException(ErrorClass.ENCODE_FAILED, msg, cause);
  }
}
