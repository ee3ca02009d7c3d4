package io.upscaler.job;

import static org.apache.spark.sql.functions.col;

import io.upscaler.core.infer.Precision;
import io.upscaler.job.config.JobConfig;
import io.upscaler.job.config.ReportSettings;
import io.upscaler.job.exec.HadoopFiles;
import io.upscaler.job.exec.OutputPaths;
import io.upscaler.job.exec.UpscalePartition;
import io.upscaler.job.manifest.Columns;
import io.upscaler.job.manifest.Manifest;
import io.upscaler.job.manifest.ManifestReader;
import io.upscaler.job.plan.Estimate;
import io.upscaler.job.plan.ModelResolver;
import io.upscaler.job.plan.RequestPlanner;
import io.upscaler.job.plan.WorkItem;
import io.upscaler.job.report.CostEstimate;
import io.upscaler.job.report.Pricing;
import io.upscaler.job.report.Progress;
import io.upscaler.job.report.ReportFacts;
import io.upscaler.job.report.ReportFactsAccumulator;
import io.upscaler.job.report.ReportWriter;
import io.upscaler.job.report.RunMeters;
import io.upscaler.job.report.RunTimings;
import io.upscaler.job.report.Slots;
import io.upscaler.job.stats.StatsSchema;
import io.upscaler.job.stats.StatsCommit;
import io.upscaler.job.stats.Totals;
import io.upscaler.job.stats.Summary;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One run of the job, as an action: validate on the driver (settings, manifest, models), deal the
 * manifest's rows straight to partitions balanced by their cheap size hints, and in {@code
 * mapPartitions} settle, read each image once, plan and upscale it; write the statistics table and
 * the summary, and return an immutable {@link JobResult}. Nothing is written before validation has
 * passed, and nothing at all in a dry run, which instead probes every header (concurrently, on
 * executors) for its estimate.
 */
public final class UpscaleJob {
  private static final Logger LOG = LoggerFactory.getLogger(UpscaleJob.class);

  private final SparkSession spark;
  private final JobConfig config;

  public UpscaleJob(SparkSession spark, JobConfig config) {
    this.spark = spark;
    this.config = config;
  }

  public JobConfig config() {
    return config;
  }

  public JobResult execute() {
    long start = System.currentTimeMillis();
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    jsc.setJobGroup("upscaler-" + config.runId(), "upscaler run " + config.runId(), true);
    Manifest manifest = null;
    try {
      Validation.checkPaths(spark, config);
      ReportSettings rs = config.report();
      Pricing pricing = Pricing.resolve(rs.pricePerHour(), rs.instance(), rs.priceTable(), Slots.of(jsc.sc()));
      manifest = ManifestReader.read(spark, config);
      RequestPlanner planner = new RequestPlanner(config, resolveModels(manifest));
      JavaRDD<WorkItem> items = Planning.workItems(spark, manifest, config);
      if (config.dryRun()) {
        Estimate estimate = Planning.estimate(items, planner);
        CostEstimate costEstimate = pricing.estimate(estimate.teraFlops(), estimate.toProcess(),
            config.precision() != Precision.FP32);
        LOG.info("run {} plan: {}; {}", config.runId(), estimate.describe(), costEstimate.describe());
        return new JobResult(config.runId(), null, estimate, JobResult.OK, null, null, null, 0, 1.0,
            costEstimate, null, null);
      }
      int partitions = Planning.partitionCount(jsc, config, manifest.count());
      Planning.Balanced balanced = Planning.balance(jsc, items, planner, partitions);
      pricing = pricing.withSlots(Slots.of(jsc.sc()));
      LOG.info("run {}: priced at {}", config.runId(), pricing.rate().basis());
      RunMeters meters = RunMeters.register(jsc.sc(), config.runId(), pricing.rate(),
          balanced.partitions(), rs.reportSamples());
      long workStart = System.currentTimeMillis();
      Work work;
      long workEnd;
      // No model FLOPs are known before the work (nothing is probed): progress counts rows.
      try (Progress progress = Progress.start(jsc.sc(), meters, config.runId(), manifest.count(),
          0, rs.progressEvery())) {
        work = run(planner, balanced, manifest, meters, workStart);
        workEnd = progress.lastTaskFinishMillis() > 0 ? progress.lastTaskFinishMillis() : System.currentTimeMillis();
      }
      Marks marks = new Marks(start, workStart, workEnd);
      return finish(work, balanced, marks, pricing, meters);
    } finally {
      if (manifest != null) {
        manifest.rows().unpersist(false);
      }
      jsc.clearJobGroup();
    }
  }

  private ModelResolver resolveModels(Manifest manifest) {
    List<String> requested = new ArrayList<>();
    requested.add(config.model());
    if (manifest.given().contains(Columns.MODEL)) {
      manifest.rows().select(col(Columns.MODEL)).where(col(Columns.MODEL).isNotNull()).distinct()
          .limit(1000).collectAsList().forEach(r -> requested.add(r.<String>getAs(Columns.MODEL).trim()));
    }
    HadoopFiles files = new HadoopFiles(spark.sparkContext().hadoopConfiguration(), config.retries());
    ModelResolver resolver = ModelResolver.create(config.modelsDir(), requested, files);
    Validation.checkRunModel(resolver, config, files);
    return resolver;
  }

  /** The committed rows' totals (for the summary) and report facts, gathered as they were written. */
  private record Work(Totals totals, ReportFacts facts) {}

  private Work run(RequestPlanner planner, Planning.Balanced balanced, Manifest manifest,
      RunMeters meters, long workStart) {
    JavaRDD<Row> rows = balanced.items().mapPartitions(new UpscalePartition(planner, meters));
    ReportFactsAccumulator facts = ReportFactsAccumulator.register(spark.sparkContext(), workStart);
    Totals totals = new StatsCommit(spark, config.output(), config.runId(), config.runIdGiven())
        .write(rows, StatsSchema.schema(manifest.passThrough()), List.of(facts));
    return new Work(totals, facts.value());
  }

  /** Epoch-millisecond marks of the run: start, start of the work, its last task's end. */
  private record Marks(long start, long workStart, long workEnd) {
    RunTimings until(long end) {
      return RunTimings.of(start, workStart, workEnd, end);
    }
  }

  private JobResult finish(Work work, Planning.Balanced balanced, Marks marks, Pricing pricing,
      RunMeters meters) {
    double wallSeconds = (System.currentTimeMillis() - marks.start()) / 1e3;
    Summary summary = Summary.of(work.totals(), config.runId(), wallSeconds, config.raw());
    String summaryUri = OutputPaths.run(config.output(), config.runId()) + "/summary.json";
    HadoopFiles files = new HadoopFiles(spark.sparkContext().hadoopConfiguration(), config.retries());
    try {
      files.write(summaryUri, summary.toJson());
    } catch (io.upscaler.core.UpscaleException e) {
      throw new IllegalStateException("cannot write the run summary " + summaryUri + ": " + e.getMessage(), e);
    }
    String reportUri = ReportWriter.write(work.facts(), new ReportWriter.Inputs(summary, pricing,
            marks.until(System.currentTimeMillis()), marks.workStart(), marks.workEnd(), meters.gallery()),
        files, OutputPaths.run(config.output(), config.runId()) + "/report.html");
    double ratio = summary.rows() == 0 ? 0 : (double) summary.failed() / summary.rows();
    int exit = ratio > config.maxFailureRatio() ? JobResult.TOO_MANY_FAILURES : JobResult.OK;
    double imbalance = balanced.loads().imbalance();
    LOG.info("run {}: {} partitions; heaviest partition {}x the mean estimated cost", config.runId(),
        balanced.partitions(), String.format("%.3f", imbalance));
    return new JobResult(config.runId(), summary, null, exit,
        OutputPaths.images(config.output()), OutputPaths.stats(config.output()), summaryUri,
        balanced.partitions(), imbalance, null, marks.until(System.currentTimeMillis()), reportUri);
  }
}
