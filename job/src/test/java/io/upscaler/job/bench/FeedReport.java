package io.upscaler.job.bench;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.first;
import static org.apache.spark.sql.functions.sum;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * The feed benchmark's table ({@code benchmarks/feed.sh}): for each finished run's output folder,
 * CPU milliseconds per output megapixel of every stage (from the statistics' *_cpu_ms columns),
 * their total, what one core sustains around the model, and the vCPUs a GPU producing R output
 * MP/s would need to be fed.
 *
 * <p>Usage: {@code FeedReport OUTPUT_DIR...} (one run per folder).
 */
public final class FeedReport {
  /** Stages as (column, label); the model call is the near-free model plus tile fill/stitch. */
  private static final String[][] STAGES = {
      {"read_cpu_ms", "read"}, {"decode_cpu_ms", "decode"},
      {"infer_cpu_ms", "model call incl. fill/stitch"}, {"resize_cpu_ms", "finish (alpha, resample)"},
      {"encode_cpu_ms", "encode"}, {"write_cpu_ms", "write"}};
  private static final int[] GPU_RATES = {50, 100, 200};

  private FeedReport() {}

  public static void main(String[] args) throws Exception {
    SparkSession spark = SparkSession.builder().master("local[1]").appName("feed-report")
        .config("spark.ui.enabled", "false").getOrCreate();
    spark.sparkContext().setLogLevel("WARN");
    List<String> lines = new ArrayList<>();
    lines.add(header());
    for (String dir : args) {
      lines.add(row(spark, dir));
    }
    spark.stop();
    lines.forEach(System.out::println);
  }

  private static String header() {
    StringBuilder b = new StringBuilder("| output | images | output MP |");
    for (String[] s : STAGES) {
      b.append(' ').append(s[1]).append(" |");
    }
    b.append(" total CPU-ms/MP | MP/s per core | bytes/px | job MP/s (wall) |");
    for (int r : GPU_RATES) {
      b.append(" vCPUs at ").append(r).append(" MP/s |");
    }
    return b.append('\n').append("|---".repeat(STAGES.length + 8 + GPU_RATES.length))
        .append('|').toString();
  }

  private static String row(SparkSession spark, String dir) throws Exception {
    List<Column> aggs = new ArrayList<>(List.of(
        count("*").as("images"),
        sum(col("output_width").multiply(col("output_height"))).divide(1e6).as("mp"),
        sum("output_bytes").as("bytes"), first("output_format").as("format")));
    for (String[] s : STAGES) {
      aggs.add(sum(s[0]).as(s[0]));
    }
    Row r = spark.read().parquet(dir + "/stats").where("status = 'OK'")
        .agg(aggs.get(0), aggs.subList(1, aggs.size()).toArray(new Column[0])).first();
    double mp = r.getDouble(1);
    StringBuilder b = new StringBuilder(String.format(Locale.ROOT, "| %s | %d | %.1f |",
        r.getString(3), r.getLong(0), mp));
    double total = 0;
    for (int i = 0; i < STAGES.length; i++) {
      double perMp = r.getDouble(4 + i) / mp;
      total += perMp;
      b.append(String.format(Locale.ROOT, " %.1f |", perMp));
    }
    b.append(String.format(Locale.ROOT, " **%.1f** | %.1f | %.3f | %.2f |", total, 1000 / total,
        r.getLong(2) / mp / 1e6, jobRate(dir)));
    for (int rate : GPU_RATES) {
      b.append(String.format(Locale.ROOT, " %.1f |", rate * total / 1000));
    }
    return b.toString();
  }

  /** The run summary's output MP/s (planning and commit included, JVM start excluded). */
  private static double jobRate(String dir) throws Exception {
    File[] runs = new File(dir, "runs").listFiles(File::isDirectory);
    if (runs == null || runs.length != 1) {
      throw new IllegalStateException(dir + " must hold exactly one run");
    }
    JsonNode summary = new ObjectMapper().readTree(new File(runs[0], "summary.json"));
    return summary.get("throughput_output_mp_per_s").asDouble();
  }
}
