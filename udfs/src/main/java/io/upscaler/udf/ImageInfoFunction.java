package io.upscaler.udf;

import io.upscaler.core.UpscaleException;
import io.upscaler.core.image.ImageDecoder;
import io.upscaler.core.image.ImageInfo;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * {@code image_info(content)}: what the image's header says, without decoding pixels — format,
 * upright width and height, channels, bit depth, alpha. NULL for NULL and for bytes that are not a
 * readable image.
 */
final class ImageInfoFunction implements UDF1<byte[], Row> {
  private static final long serialVersionUID = 1L;
  private static final ImageDecoder DECODER = new ImageDecoder();

  static final StructType TYPE =
      new StructType()
          .add("format", DataTypes.StringType)
          .add("width", DataTypes.IntegerType)
          .add("height", DataTypes.IntegerType)
          .add("channels", DataTypes.IntegerType)
          .add("bit_depth", DataTypes.IntegerType)
          .add("has_alpha", DataTypes.BooleanType);

  @Override
  public Row call(byte[] content) {
    if (content == null) {
      return null;
    }
    try {
      ImageInfo i = DECODER.probe(content);
      return RowFactory.create(
          i.format().id(), i.width(), i.height(), i.channels(), i.bitDepth(), i.hasAlpha());
    } catch (UpscaleException e) {
      return null;
    }
  }
}
