package io.upscaler.core.image;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.spi.ImageWriterSpi;

/**
 * The ImageIO writer chosen for each output format, by class name:
 *
 * <ul>
 *   <li>JPEG: the JDK's (the reference libjpeg encoder, grey and YCbCr). PNG is written by {@link
 *       PngWriter}, not ImageIO.
 *   <li>WebP: webp-imageio (libwebp over JNI; TwelveMonkeys has no WebP writer). It only ever
 *       sees rasters we built, so its native code never parses untrusted bytes.
 *   <li>TIFF: TwelveMonkeys (8/16-bit, alpha as unassociated extra sample, Deflate); the JDK's as
 *       a fallback.
 * </ul>
 */
final class WriterTable {
  static final ImageWriterSpi JPEG = find("com.sun.imageio.plugins.jpeg.JPEGImageWriterSpi");
  static final ImageWriterSpi WEBP = find("com.luciad.imageio.webp.WebPImageWriterSpi");
  static final ImageWriterSpi TIFF = find(
      "com.sun.imageio.plugins.tiff.TIFFImageWriterSpi",
      "com.twelvemonkeys.imageio.plugins.tiff.TIFFImageWriterSpi");

  private WriterTable() {}

  private static ImageWriterSpi find(String... classNames) {
    for (int attempt = 0; attempt < 2; attempt++) {
      for (String name : classNames) {
        ImageWriterSpi spi = ReaderTable.find(ImageWriterSpi.class, name);
        if (spi != null) {
          return spi;
        }
      }
      ImageIO.scanForPlugins();
    }
    return null;
  }

  static ImageWriter create(ImageWriterSpi spi) throws IOException {
    if (spi == null) {
      throw new IOException("no ImageIO writer for this format on the classpath");
    }
    return spi.createWriterInstance();
  }

  /** Deflate (zip) under whichever name the TIFF writer uses for it. */
  static String tiffCompression(ImageWriteParam param) {
    List<String> types = Arrays.asList(param.getCompressionTypes());
    for (String t : List.of("Deflate", "ZLib", "LZW")) {
      if (types.contains(t)) {
        return t;
      }
    }
    return types.get(0);
  }
}
