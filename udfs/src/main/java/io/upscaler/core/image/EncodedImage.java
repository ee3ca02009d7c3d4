package io.upscaler.core.image;

/**
 * An encoded output image and what the encoder had to change to write it.
 *
 * @param bytes the file contents
 * @param format the format written
 * @param bitDepth bits per sample written: 16 only for PNG and TIFF from 16-bit input
 * @param alphaFlattened the input had alpha and the format (JPEG) can't hold it: composited on
 *     white
 * @param exifWritten an EXIF block was written (policy KEEP, input had EXIF, format can hold it)
 */
public record EncodedImage(
    byte[] bytes, ImageFormat format, int bitDepth, boolean alphaFlattened, boolean exifWritten) {}
