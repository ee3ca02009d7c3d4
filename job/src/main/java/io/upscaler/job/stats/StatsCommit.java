package io.upscaler.job.stats;

import io.upscaler.job.exec.OutputPaths;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.util.AccumulatorV2;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place a run's statistics rows are committed: as one write job into the run's own folder {@code
 * <output>/stats/run_id=<id>/} (a partition of the table as readers see it), never into the shared
 * table root. So a killed run's leftovers (its {@code _temporary} folder, or a half-written commit)
 * stay inside its own folder, where no later run's commit can merge them: a rerun gets a new run id
 * and a fresh folder, and an existing folder of a given run id is cleared before the write
 * (overwrite mode). A made run id is new by construction, so its write appends into the folder
 * that cannot exist yet: Spark's overwrite mode probes the folder first (a HEAD and a LIST on S3),
 * append mode does not. The rows are rebalanced before the write (Spark's REBALANCE hint: with adaptive
 * execution, a few files of ~64 MB rather than one small file per upscale task), so a retried or
 * speculative write task re-reads the shuffled rows instead of upscaling again. The job's executor
 * work runs inside this write (the rows are computed, rebalanced, then written).
 *
 * <p>The rows are added up into {@link Totals} after the rebalance, in the result stage that writes
 * them, where Spark applies each partition's accumulator updates once (from the attempt that
 * succeeded): the totals are those of the committed rows, so the summary needs no second look at
 * the table. Counting before the shuffle would count a re-run or speculative upscale task twice.
 *
 * <p>Committers, chosen per write (the job's Hadoop options) so the user's session is left as it was
 * found: on {@code s3a://} Hadoop's S3A committer named by {@code fs.s3a.committer.name} (the magic
 * committer unless the user chose another S3A committer), bound by {@link PathCommitProtocol}: tasks
 * upload their files as pending multipart uploads and only the job commit completes them, with no
 * renames (which on S3 are copies, neither atomic nor fast). Elsewhere (local, HDFS) Spark's default
 * FileOutputCommitter with algorithm 1 (a task's files are moved into the table only at the job
 * commit; algorithm 2 would expose a failed run's partial rows). No {@code _SUCCESS} marker is
 * written: the table's readers never look for one, and on S3 it would be one more object per run.
 *
 * <p>Driver only.
 */
public final class StatsCommit {
  private static final Logger LOG = LoggerFactory.getLogger(StatsCommit.class);
  static final String COMMIT_PROTOCOL = "spark.sql.sources.commitProtocolClass";
  static final String COMMITTER_NAME = "fs.s3a.committer.name";
  /** Spark's default commit protocol: replaced on S3A unless the user named another. */
  private static final String SPARK_DEFAULT_PROTOCOL =
      "org.apache.spark.sql.execution.datasources.SQLHadoopMapReduceCommitProtocol";

  private final SparkSession spark;
  private final String outputRoot;
  private final String runId;
  private final boolean runIdGiven;

  /** {@code runIdGiven}: the user named the run id (its folder may hold an earlier attempt's rows). */
  public StatsCommit(SparkSession spark, String outputRoot, String runId, boolean runIdGiven) {
    this.spark = spark;
    this.outputRoot = outputRoot;
    this.runId = runId;
    this.runIdGiven = runIdGiven;
  }

  /**
   * Computes and commits {@code rows} (one per manifest row, with a {@code run_id} column that is
   * not written: the folder name carries it) and returns their totals. Each committed row is also
   * added to every registered accumulator of {@code alsoFed} (the run report's facts), at the same
   * place as the totals and with the same once-per-committed-row guarantee.
   */
  public Totals write(JavaRDD<Row> rows, StructType schema, List<AccumulatorV2<Row, ?>> alsoFed) {
    TotalsAccumulator totals = new TotalsAccumulator();
    spark.sparkContext().register(totals, "upscaler run totals");
    List<AccumulatorV2<Row, ?>> fed = new ArrayList<>(alsoFed);
    fed.add(totals);
    Dataset<Row> counted = spark.createDataFrame(rows, schema).hint("rebalance")
        .mapPartitions(new Count(fed), Encoders.row(schema));
    commit(counted.drop("run_id"));
    return totals.value();
  }


  private void commit(Dataset<Row> rows) {
    String folder = OutputPaths.statsPartition(outputRoot, runId);
    boolean s3a = isS3a(folder);
    Map<String, String> options = hadoopOptions(s3a, spark.sparkContext().hadoopConfiguration());
    String protocolBefore = spark.conf().get(COMMIT_PROTOCOL, SPARK_DEFAULT_PROTOCOL);
    boolean bind = s3a && protocolBefore.equals(SPARK_DEFAULT_PROTOCOL);
    LOG.info("run {}: committing statistics to {} ({})", runId, folder,
        s3a ? "S3A committer " + options.get(COMMITTER_NAME) + " via " + (bind ? PathCommitProtocol.class.getName() : protocolBefore)
            : "file output committer, algorithm 1");
    if (bind) {
      spark.conf().set(COMMIT_PROTOCOL, PathCommitProtocol.class.getName());
    }
    try {
      rows.write().mode(runIdGiven ? SaveMode.Overwrite : SaveMode.Append).options(options).parquet(folder);
    } finally {
      if (bind) {
        spark.conf().set(COMMIT_PROTOCOL, protocolBefore);
      }
    }
  }

  /**
   * The Hadoop options of the write: no _SUCCESS marker everywhere; FileOutputCommitter algorithm 1
   * off S3A; on S3A the S3A committer factory, with the magic committer unless the user's Hadoop
   * configuration names an S3A committer other than "file" (the rename-based default).
   */
  static Map<String, String> hadoopOptions(boolean s3a, Configuration conf) {
    Map<String, String> o = new LinkedHashMap<>();
    o.put("mapreduce.fileoutputcommitter.marksuccessfuljobs", "false");
    if (!s3a) {
      o.put("mapreduce.fileoutputcommitter.algorithm.version", "1");
      return o;
    }
    o.put("mapreduce.outputcommitter.factory.scheme.s3a", "org.apache.hadoop.fs.s3a.commit.S3ACommitterFactory");
    String chosen = conf.getTrimmed(COMMITTER_NAME, "file");
    o.put(COMMITTER_NAME, chosen.equals("file") ? "magic" : chosen);
    o.put("fs.s3a.committer.magic.enabled", "true");
    return o;
  }

  /** Adds each row to the run's totals (and report facts) as it passes to the writer. Holds only the accumulators. */
  private static final class Count implements MapPartitionsFunction<Row, Row> {
    private static final long serialVersionUID = 1L;
    private final List<AccumulatorV2<Row, ?>> fed;

    Count(List<AccumulatorV2<Row, ?>> fed) {
      this.fed = fed;
    }

    @Override
    public Iterator<Row> call(Iterator<Row> rows) {
      return new Iterator<>() {
        @Override
        public boolean hasNext() {
          return rows.hasNext();
        }

        @Override
        public Row next() {
          Row r = rows.next();
          fed.forEach(a -> a.add(r));
          return r;
        }
      };
    }
  }

  private static boolean isS3a(String uri) {
    String scheme = new Path(uri).toUri().getScheme();
    return scheme != null && scheme.toLowerCase(Locale.ROOT).equals("s3a");
  }
}
