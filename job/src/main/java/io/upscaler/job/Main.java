package io.upscaler.job;

import io.upscaler.job.config.ConfigParser;
import io.upscaler.job.config.JobConfig;
import io.upscaler.job.manifest.ManifestException;
import java.io.PrintStream;
import java.util.HashMap;
import java.util.Map;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import scala.Tuple2;

/**
 * The command line: {@code spark-submit ... upscaler-job.jar --input URI --output URI [options]}.
 * Exit codes: 0 success; 2 invalid arguments, settings or manifest (nothing is written); 3 the
 * failure ratio exceeded {@code --max-failure-ratio} (everything else is still written); 1 an
 * infrastructure failure.
 *
 * <p>Without a master (plain {@code java -cp}, as {@code submit-scripts/run-local.sh} runs it),
 * the job runs in local mode on every core.
 */
public final class Main {
  private static final Logger LOG = LoggerFactory.getLogger(Main.class);

  private Main() {}

  public static void main(String[] args) {
    System.exit(run(args, System.out, System.err));
  }

  static int run(String[] args, PrintStream out, PrintStream err) {
    ConfigParser.CommandLine commandLine;
    JobConfig config;
    SparkConf sparkConf = new SparkConf();
    try {
      commandLine = ConfigParser.parseCommandLine(args);
      if (commandLine.help()) {
        out.print(ConfigParser.help());
        return JobResult.OK;
      }
      commandLine.sparkConf().forEach(sparkConf::set);
      config = ConfigParser.resolve(commandLine, asMap(sparkConf));
    } catch (IllegalArgumentException e) {
      err.println("upscaler: " + e.getMessage());
      err.println("Run with --help for the options.");
      return JobResult.INVALID;
    }
    sparkConf.setIfMissing("spark.master", "local[*]");
    sparkConf.setIfMissing("spark.app.name", "upscaler");
    sparkConf.setIfMissing("spark.ui.showConsoleProgress", "true");
    // The statistics table is wide; Spark would otherwise warn that it truncated plan strings.
    sparkConf.setIfMissing("spark.sql.debug.maxToStringFields", "200");
    SparkSession spark = SparkSession.builder().config(sparkConf).getOrCreate();
    try {
      return execute(spark, config, out, err);
    } finally {
      spark.stop();
    }
  }

  /** Runs the job on an existing session and reports; returns the exit code. */
  static int execute(SparkSession spark, JobConfig config, PrintStream out, PrintStream err) {
    try {
      UpscaleJob job = new UpscaleJob(spark, config);
      JobResult result = job.execute();
      report(result, out);
      return result.exitCode();
    } catch (ManifestException | IllegalArgumentException e) {
      err.println("upscaler: " + e.getMessage());
      return JobResult.INVALID;
    } catch (Exception e) {
      // Includes SparkException, which Spark throws undeclared when a stage fails for good.
      LOG.error("run failed", e);
      err.println("upscaler: the run failed: " + firstLines(String.valueOf(e.getMessage()), 3));
      return JobResult.INFRASTRUCTURE;
    }
  }

  private static void report(JobResult result, PrintStream out) {
    if (result.summary() == null) {
      out.println("Dry run " + result.runId() + " (nothing written):");
      out.println(result.estimate().describe());
      out.println(result.costEstimate().describe());
      return;
    }
    out.print(result.summary().table());
    out.println("  time:    " + result.timings().describe());
    out.println("  images:  " + result.imagesUri());
    out.println("  stats:   " + result.statsUri() + "  (run_id=" + result.runId() + ")");
    out.println("  summary: " + result.summaryUri());
    out.println("  report:  " + (result.reportUri() == null ? "not written (see the log)" : result.reportUri()));
    if (result.exitCode() == JobResult.TOO_MANY_FAILURES) {
      out.println("  FAILED rows exceed --max-failure-ratio: exit code 3");
    }
  }

  private static String firstLines(String text, int n) {
    String[] lines = text.strip().split("\\R", n + 1);
    return String.join(" ", java.util.Arrays.copyOf(lines, Math.min(n, lines.length)));
  }

  private static Map<String, String> asMap(SparkConf conf) {
    Map<String, String> m = new HashMap<>();
    for (Tuple2<String, String> kv : conf.getAll()) {
      m.put(kv._1(), kv._2());
    }
    return m;
  }
}
