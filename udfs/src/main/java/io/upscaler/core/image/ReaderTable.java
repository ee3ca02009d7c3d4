package io.upscaler.core.image;

import java.util.EnumMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import javax.imageio.spi.IIORegistry;
import javax.imageio.spi.ImageReaderSpi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ImageIO reader chosen for each format, by class name rather than registry order (the
 * registry's order depends on which jars were scanned first: webp-imageio's JNI reader, for one,
 * registers ahead of TwelveMonkeys').
 *
 * <ul>
 *   <li>JPEG: TwelveMonkeys (CMYK/YCCK/Adobe, ICC to sRGB, lenient with broken files); the JDK's
 *       as a fallback.
 *   <li>PNG, GIF: the JDK's (the only ones; solid and pure Java).
 *   <li>WebP: TwelveMonkeys (pure Java, so a hostile file cannot crash the JVM in native code as
 *       it could in webp-imageio's libwebp reader; it also converts ICC to sRGB).
 *   <li>TIFF, BMP: TwelveMonkeys (16-bit, CMYK, more compressions); the JDK's as a fallback.
 *   <li>PSD: TwelveMonkeys (the only one).
 * </ul>
 *
 * <p>Resolved once per JVM (class initialisation is thread-safe); the providers are stateless
 * factories, and each decode creates its own reader instance.
 */
final class ReaderTable {
  private static final Logger LOG = LoggerFactory.getLogger(ReaderTable.class);
  private static final String TM = "com.twelvemonkeys.imageio.plugins.";
  private static final String JDK = "com.sun.imageio.plugins.";
  private static final Map<ImageFormat, List<String>> PREFERRED = Map.of(
      ImageFormat.JPEG, List.of(TM + "jpeg.JPEGImageReaderSpi", JDK + "jpeg.JPEGImageReaderSpi"),
      ImageFormat.PNG, List.of(JDK + "png.PNGImageReaderSpi"),
      ImageFormat.GIF, List.of(JDK + "gif.GIFImageReaderSpi"),
      ImageFormat.WEBP, List.of(TM + "webp.WebPImageReaderSpi"),
      ImageFormat.TIFF, List.of(TM + "tiff.TIFFImageReaderSpi", JDK + "tiff.TIFFImageReaderSpi"),
      ImageFormat.BMP, List.of(TM + "bmp.BMPImageReaderSpi", JDK + "bmp.BMPImageReaderSpi"),
      ImageFormat.PSD, List.of(TM + "psd.PSDImageReaderSpi"));

  private ReaderTable() {}

  /** The chosen provider, or null when none of the preferred readers is on the classpath. */
  static ImageReaderSpi provider(ImageFormat format) {
    return Holder.TABLE.get(format);
  }

  private static final class Holder {
    static final Map<ImageFormat, ImageReaderSpi> TABLE = resolve();
  }

  private static Map<ImageFormat, ImageReaderSpi> resolve() {
    Map<ImageFormat, ImageReaderSpi> table = lookup();
    if (table.size() < ImageFormat.values().length) {
      // The registry was created before our jars were visible (e.g. by a framework): rescan.
      ImageIO.scanForPlugins();
      table = lookup();
    }
    for (ImageFormat f : ImageFormat.values()) {
      ImageReaderSpi spi = table.get(f);
      LOG.debug("{} reader: {}", f, spi == null ? "none" : spi.getClass().getName());
    }
    return table;
  }

  private static Map<ImageFormat, ImageReaderSpi> lookup() {
    Map<ImageFormat, ImageReaderSpi> table = new EnumMap<>(ImageFormat.class);
    for (ImageFormat f : ImageFormat.values()) {
      for (String name : PREFERRED.getOrDefault(f, List.of())) {
        ImageReaderSpi spi = find(ImageReaderSpi.class, name);
        if (spi != null) {
          table.put(f, spi);
          break;
        }
      }
    }
    return table;
  }

  /** The registered provider of the given class, or null. */
  static <T> T find(Class<T> category, String className) {
    Iterator<T> it = IIORegistry.getDefaultInstance().getServiceProviders(category, false);
    while (it.hasNext()) {
      T spi = it.next();
      if (spi.getClass().getName().equals(className)) {
        return spi;
      }
    }
    return null;
  }
}
