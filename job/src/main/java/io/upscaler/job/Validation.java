package io.upscaler.job;

import io.upscaler.core.TargetSize;
import io.upscaler.core.UpscaleException;
import io.upscaler.job.config.JobConfig;
import io.upscaler.job.exec.HadoopFiles;
import io.upscaler.job.exec.OutputPaths;
import io.upscaler.job.plan.ModelResolver;
import io.upscaler.job.plan.RequestPlanner;
import io.upscaler.job.source.HttpSource;
import java.io.IOException;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.SparkSession;

/** Driver checks of the run's own settings that would otherwise fail every row or loop. */
final class Validation {
  private Validation() {}

  /**
   * The output must not lie inside the input folder (a rerun would read its own outputs), and the
   * run id must be new (a run has exactly one statistics row per manifest row).
   */
  static void checkPaths(SparkSession spark, JobConfig config) {
    checkNewRun(spark, config);
    if (HttpSource.handles(config.input())) {
      return; // a URL input has no folder the output could lie in
    }
    String in = qualified(spark, config.input());
    String out = qualified(spark, config.output());
    if (out.equals(in) || out.startsWith(in.endsWith("/") ? in : in + "/")) {
      throw new IllegalArgumentException(
          "output " + config.output() + " lies inside input " + config.input()
              + ": choose an output outside the input folder");
    }
  }

  /**
   * The run's --model must be usable here: known, and its files matching their cards (checksum,
   * declared inputs and outputs), checked now rather than on every executor. Row overrides that
   * name other models fail only their rows.
   */
  static void checkRunModel(ModelResolver resolver, JobConfig config, HadoopFiles files) {
    try {
      resolver.identity(config.model());
      double scale = RequestPlanner.runTarget(config, resolver, config.model()) instanceof TargetSize.Factor f
          ? f.factor() : 4.0;
      for (io.upscaler.models.ModelCard card : resolver.family(config.model(), scale)) {
        resolver.bytes(card, files);
      }
    } catch (UpscaleException e) {
      throw new IllegalArgumentException("model: " + e.getMessage(), e);
    }
  }

  /**
   * A given --run-id must be new under the output. A made one is (second + 32 random bits), so it
   * costs no requests: on an object store each check is a HEAD and a LIST.
   */
  private static void checkNewRun(SparkSession spark, JobConfig config) {
    if (!config.runIdGiven()) {
      return;
    }
    for (String used : new String[] {
        OutputPaths.run(config.output(), config.runId()),
        OutputPaths.statsPartition(config.output(), config.runId())}) {
      Path p = new Path(used);
      try {
        if (p.getFileSystem(spark.sparkContext().hadoopConfiguration()).exists(p)) {
          throw new IllegalArgumentException(
              "run id " + config.runId() + " was already used under " + config.output()
                  + " (" + used + "): give a new --run-id");
        }
      } catch (IOException e) {
        throw new IllegalArgumentException("cannot check " + used + ": " + e.getMessage(), e);
      }
    }
  }

  private static String qualified(SparkSession spark, String uri) {
    try {
      Path p = new Path(uri.replaceAll("[*?\\[{].*$", ""));
      FileSystem fs = p.getFileSystem(spark.sparkContext().hadoopConfiguration());
      String q = fs.makeQualified(p).toString();
      return q.endsWith("/") ? q.substring(0, q.length() - 1) : q;
    } catch (IOException | IllegalArgumentException e) {
      throw new IllegalArgumentException("cannot resolve " + uri + ": " + e.getMessage(), e);
    }
  }
}
