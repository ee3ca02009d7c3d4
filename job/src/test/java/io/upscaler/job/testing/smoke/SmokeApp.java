package io.upscaler.job.testing.smoke;

import ai.onnxruntime.OrtEnvironment;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.ImageWriter;
import org.apache.spark.SparkEnv;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.util.LongAccumulator;

/**
 * The smoke test's Spark application (packaged alone as the {@code -smoke} jar; the libraries come
 * from the application jar). Reads a CSV with columns {@code id,word} from {@code args[0]}, spreads
 * it over 4 partitions and writes one text line per row to {@code args[1]}:
 * {@code id,WORD,executor id,executor pid,JPEG reader class,WebP writer class,ORT version}, so the
 * test can see which executor JVMs did the work and that the application jar's ImageIO plugins and
 * native ONNX Runtime load there. Prints {@code smoke: wrote N rows to URI} (N counted on the
 * executors).
 */
public final class SmokeApp {
  private SmokeApp() {}

  public static void main(String[] args) {
    SparkSession spark = SparkSession.builder().appName("upscaler-smoke").getOrCreate();
    try {
      // A declared schema: inferring the header would cost a job of its own.
      Dataset<Row> words = spark.read().option("header", "true").schema("id STRING, word STRING")
          .csv(args[0]);
      LongAccumulator rows = spark.sparkContext().longAccumulator("rows");
      Dataset<String> tagged = words.repartition(4)
          .mapPartitions(new TagRows(rows), Encoders.STRING());
      tagged.write().text(args[1]);
      System.out.println("smoke: wrote " + rows.value() + " rows to " + args[1]);
    } finally {
      spark.stop();
    }
  }

  /** Executor side: tags each row with where and with what it was processed. */
  static final class TagRows implements MapPartitionsFunction<Row, String> {
    private static final long serialVersionUID = 1L;
    private final LongAccumulator counter;

    TagRows(LongAccumulator counter) {
      this.counter = counter;
    }

    @Override
    public Iterator<String> call(Iterator<Row> rows) {
      // The registry holds the plugins its first user could see; register those of the task's
      // class loader (it holds the application jar) in case ImageIO was first used elsewhere.
      ImageIO.scanForPlugins();
      String where = SparkEnv.get().executorId() + "," + ProcessHandle.current().pid();
      String what = firstReader("jpeg") + "," + firstWriter("webp") + ","
          + OrtEnvironment.getEnvironment().getVersion();
      List<String> lines = new ArrayList<>();
      rows.forEachRemaining(row -> lines.add(row.getString(0) + ","
          + row.getString(1).toUpperCase(Locale.ROOT) + "," + where + "," + what));
      counter.add(lines.size());
      return lines.iterator();
    }

    private static String firstReader(String format) {
      Iterator<ImageReader> readers = ImageIO.getImageReadersByFormatName(format);
      return readers.hasNext() ? readers.next().getClass().getName() : "none";
    }

    private static String firstWriter(String format) {
      Iterator<ImageWriter> writers = ImageIO.getImageWritersByFormatName(format);
      return writers.hasNext() ? writers.next().getClass().getName() : "none";
    }
  }
}
