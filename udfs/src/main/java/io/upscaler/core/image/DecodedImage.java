package io.upscaler.core.image;

/**
 * A decoded input: upright pixels in sRGB plus what the encoder may want to carry over.
 *
 * @param image pixels, EXIF orientation already applied, ICC profile already converted to sRGB
 * @param info the header facts of the source (format, upright size, channels, bit depth, alpha)
 * @param exif the source's EXIF block as a TIFF-structured byte array (without the "Exif\0\0"
 *     prefix), or null when the source had none; orientation in it is NOT yet reset
 * @param iccConverted whether an embedded non-sRGB ICC profile was converted to sRGB (also true
 *     for CMYK TIFF and PSD data, which are always colour-converted; a CMYK JPEG is converted
 *     inside the JPEG reader and reports true only when it embeds a profile)
 */
public record DecodedImage(Image image, ImageInfo info, byte[] exif, boolean iccConverted) {}
