package io.upscaler.udf;

import static org.apache.spark.sql.functions.lit;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.expressions.Expression;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import scala.collection.Seq;
import scala.runtime.AbstractFunction1;

/**
 * Registers the SQL functions on a session — the only place Spark appears in this module:
 *
 * <pre>
 * upscale_image(content BINARY, scale DOUBLE [, model STRING]) RETURNS BINARY
 * image_info(content BINARY) RETURNS STRUCT&lt;format, width, height, channels, bit_depth, has_alpha&gt;
 * </pre>
 *
 * For example, over Spark's {@code binaryFile} source: {@code SELECT path, upscale_image(content,
 * 2) FROM images}. Both run on the executors' shared per-JVM model sessions.
 */
public final class UpscalerUdfs {
  public static final String UPSCALE_IMAGE = "upscale_image";
  public static final String IMAGE_INFO = "image_info";

  private UpscalerUdfs() {}

  public static void register(SparkSession spark) {
    register(spark, UdfSettings.defaults());
  }

  public static void register(SparkSession spark, UdfSettings settings) {
    UserDefinedFunction upscale =
        functions.udf(new UpscaleImageFunction(settings), DataTypes.BinaryType);
    // A registered Java UDF has one arity; this builder accepts 2 or 3 arguments.
    spark
        .sessionState()
        .functionRegistry()
        .createOrReplaceTempFunction(UPSCALE_IMAGE, new OptionalModelArgument(upscale), "java_udf");
    spark.udf().register(IMAGE_INFO, new ImageInfoFunction(), ImageInfoFunction.TYPE);
  }

  /** Builds upscale_image(content, scale[, model]) with model NULL when omitted. */
  private static final class OptionalModelArgument
      extends AbstractFunction1<Seq<Expression>, Expression> {
    private final UserDefinedFunction udf;

    OptionalModelArgument(UserDefinedFunction udf) {
      this.udf = udf;
    }

    @Override
    public Expression apply(Seq<Expression> args) {
      if (args.size() < 2 || args.size() > 3) {
        throw new IllegalArgumentException(
            UPSCALE_IMAGE + " takes (content BINARY, scale DOUBLE [, model STRING]), got "
                + args.size() + " arguments");
      }
      Column model =
          args.size() == 3 ? new Column(args.apply(2)) : lit(null).cast(DataTypes.StringType);
      return udf.apply(
              new Column(args.apply(0)),
              new Column(args.apply(1)).cast(DataTypes.DoubleType),
              model.cast(DataTypes.StringType))
          .expr();
    }
  }
}
