package io.upscaler.core.image;

import java.awt.Point;
import java.awt.color.CMMException;
import java.awt.color.ColorSpace;
import java.awt.color.ICC_Profile;
import java.awt.image.ColorConvertOp;
import java.awt.image.DataBuffer;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Converts the colour samples of a canonical {@link Image} from an embedded ICC profile to sRGB
 * (through the JDK's colour management). Alpha is left untouched; a grey image stays grey (its
 * profile is mapped to sRGB and the neutral result read back as grey).
 */
final class IccConversion {
  private static final Logger LOG = LoggerFactory.getLogger(IccConversion.class);
  private static final int DESC_TAG = ICC_Profile.icSigProfileDescriptionTag;

  private IccConversion() {}

  /**
   * The image converted to sRGB, or the same image when the profile does not fit it (e.g. an RGB
   * profile on a grey image) or already describes sRGB.
   */
  static Image toSrgb(Image img, ICC_Profile profile) {
    int type = profile.getColorSpaceType();
    boolean fits = img.isGrey() ? type == ColorSpace.TYPE_GRAY : type == ColorSpace.TYPE_RGB;
    if (!fits || isSrgb(profile)) {
      return img;
    }
    ICC_Profile srgb = ICC_Profile.getInstance(ColorSpace.CS_sRGB);
    ColorConvertOp op = new ColorConvertOp(new ICC_Profile[] {profile, srgb}, null);
    WritableRaster all = img.toBufferedImage().getRaster();
    int colour = img.colorChannels();
    int[] bands = colour == 1 ? new int[] {0} : new int[] {0, 1, 2};
    Raster src = all.createChild(0, 0, img.width(), img.height(), 0, 0, bands);
    int dataType = img.bitDepth() == 8 ? DataBuffer.TYPE_BYTE : DataBuffer.TYPE_USHORT;
    WritableRaster dst =
        Raster.createInterleavedRaster(dataType, img.width(), img.height(), 3, new Point(0, 0));
    try {
      op.filter(src, dst);
    } catch (CMMException | IllegalArgumentException e) {
      // A profile the colour engine rejects is treated like no profile: keep the samples.
      LOG.warn("ICC profile could not be applied, keeping the image's own values: {}",
          e.toString());
      return img;
    }
    copyBack(dst, img);
    return img;
  }

  private static void copyBack(Raster dst, Image img) {
    int w = img.width();
    int[] row = new int[w * 3];
    for (int y = 0; y < img.height(); y++) {
      dst.getPixels(0, y, w, 1, row);
      int i = img.index(0, y);
      for (int x = 0; x < w; x++) {
        if (img.isGrey()) {
          img.setRaw(i, row[3 * x + 1]);
        } else {
          img.setRaw(i, row[3 * x]);
          img.setRaw(i + 1, row[3 * x + 1]);
          img.setRaw(i + 2, row[3 * x + 2]);
        }
        i += img.channels();
      }
    }
  }

  /** A profile parsed from embedded bytes, or null when the bytes are not a usable profile. */
  static ICC_Profile parse(byte[] data) {
    if (data == null || data.length < 132) {
      return null;
    }
    try {
      return ICC_Profile.getInstance(data);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  /** Whether a profile calls itself sRGB (by its description), so converting would be a no-op. */
  static boolean isSrgb(ICC_Profile profile) {
    byte[] desc;
    try {
      desc = profile.getData(DESC_TAG);
    } catch (IllegalArgumentException e) {
      return false;
    }
    return desc != null && description(desc).toLowerCase(java.util.Locale.ROOT).contains("srgb");
  }

  static boolean isSrgb(byte[] data) {
    ICC_Profile p = parse(data);
    return p == null || isSrgb(p);
  }

  /** Text of a 'desc' (ICC v2, ASCII) or 'mluc' (ICC v4, UTF-16) tag. */
  private static String description(byte[] tag) {
    if (tag.length < 12) {
      return "";
    }
    String type = new String(tag, 0, 4, StandardCharsets.ISO_8859_1);
    if (type.equals("desc")) {
      int n = Math.min(readInt(tag, 8), tag.length - 12);
      return n > 0 ? new String(tag, 12, n, StandardCharsets.ISO_8859_1) : "";
    }
    if (type.equals("mluc") && tag.length >= 28) {
      int len = readInt(tag, 20);
      int off = readInt(tag, 24);
      if (off >= 0 && len >= 0 && (long) off + len <= tag.length) {
        return new String(tag, off, len, StandardCharsets.UTF_16BE);
      }
    }
    return "";
  }

  private static int readInt(byte[] b, int off) {
    return ((b[off] & 0xFF) << 24) | ((b[off + 1] & 0xFF) << 16) | ((b[off + 2] & 0xFF) << 8)
        | (b[off + 3] & 0xFF);
  }
}
