package io.upscaler.job.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A real Spark standalone cluster on 127.0.0.1: a master and workers, each its own JVM started from
 * the SPARK_HOME that the spark-dist module builds (Spark, Hadoop, hadoop-aws; nothing of ours), and
 * {@code spark-submit} in client mode as a child JVM, so the application jar must bring everything
 * else. With the defaults (one worker, 2 cores, 3 GB) a submission gets two 1-core, 1 GB executors,
 * each in its own JVM.
 *
 * <pre>{@code
 * try (StandaloneCluster cluster = StandaloneCluster.start()) {
 *   SubmitResult r = cluster.submit("io.upscaler.job.Main", E2eFiles.appJar(), s3.sparkConf(),
 *       "--input", "s3a://in/manifest.csv", "--output", "s3a://out/run");
 *   r.assertSuccess();
 * }
 * }</pre>
 *
 * <p>Every wait is bounded; a failure carries the tails of the master, worker, driver and executor
 * logs. Submissions run one at a time; each returns after its executors have exited, and then the
 * jars the executors fetched and the applications' temporary files (ORT's extracted native
 * libraries) are deleted, so disk use does not grow with the number of submissions. Files live under
 * a fresh {@code target/e2e/cluster-*} folder: {@code logs/} (master, workers, drivers), {@code work/}
 * (executor logs), {@code local/} (Spark scratch), {@code tmp/} (daemons), {@code app-tmp/}
 * (drivers' and executors' java.io.tmpdir).
 */
public final class StandaloneCluster implements AutoCloseable {
  /** How long {@link #submit(String, Path, Map, String...)} lets an application run. */
  public static final Duration DEFAULT_SUBMIT_TIMEOUT = Duration.ofMinutes(3);
  private static final Duration START_TIMEOUT = Duration.ofSeconds(90);
  private static final Pattern MASTER_URL = Pattern.compile("Starting Spark master at (spark://\\S+)");
  private static final Pattern MASTER_ALIVE = Pattern.compile("New state: ALIVE");
  private static final Pattern REGISTERED = Pattern.compile("Successfully registered with master");

  private final ClusterDirs dirs;
  private final ChildProcess master;
  private final String masterUrl;
  private final List<ChildProcess> workers;
  private final int totalCores;
  private int submissions;

  private StandaloneCluster(ClusterDirs dirs, ChildProcess master, String masterUrl,
      List<ChildProcess> workers, int totalCores) {
    this.dirs = dirs;
    this.master = master;
    this.masterUrl = masterUrl;
    this.workers = workers;
    this.totalCores = totalCores;
  }

  /** One worker with 2 cores and 3 GB: room for two 1-core, 1 GB executors. */
  public static StandaloneCluster start() {
    return start(1, 2, "3g");
  }

  /**
   * Starts a master, then {@code workers} workers in parallel, and returns once every worker has
   * registered (each step bounded by 90 s).
   */
  public static StandaloneCluster start(int workers, int coresPerWorker, String memoryPerWorker) {
    ClusterDirs dirs = ClusterDirs.create(E2eFiles.sparkHome(), "cluster-");
    ChildProcess master = dirs.launch("master", List.of("org.apache.spark.deploy.master.Master",
        "--host", "127.0.0.1", "--port", "0", "--webui-port", "0"));
    List<ChildProcess> started = new ArrayList<>();
    try {
      String url = master.awaitOutput(MASTER_URL, START_TIMEOUT).group(1);
      master.awaitOutput(MASTER_ALIVE, START_TIMEOUT);
      for (int i = 0; i < workers; i++) {
        started.add(dirs.launch("worker-" + i, List.of("org.apache.spark.deploy.worker.Worker",
            "--host", "127.0.0.1", "--port", "0", "--webui-port", "0",
            "--cores", String.valueOf(coresPerWorker), "--memory", memoryPerWorker,
            "--work-dir", dirs.workerDir(i).toString(), url)));
      }
      for (ChildProcess worker : started) {
        worker.awaitOutput(REGISTERED, START_TIMEOUT);
      }
      return new StandaloneCluster(dirs, master, url, started, workers * coresPerWorker);
    } catch (RuntimeException | AssertionError e) {
      started.forEach(ChildProcess::close);
      master.close();
      throw e;
    }
  }

  /** {@code spark://127.0.0.1:<port>}. */
  public String masterUrl() {
    return masterUrl;
  }

  public Path sparkHome() {
    return dirs.sparkHome();
  }

  /** This cluster's folder under target/e2e. */
  public Path root() {
    return dirs.root();
  }

  /**
   * Runs {@code mainClass} from {@code appJar} with {@code spark-submit --deploy-mode client} and
   * waits for it (at most {@link #DEFAULT_SUBMIT_TIMEOUT}). {@code conf} is passed as {@code --conf}
   * pairs over {@link #defaultConf()}. Fails, with the logs, only if the
   * driver does not exit in time; a non-zero exit code is returned for the test to judge.
   */
  public SubmitResult submit(String mainClass, Path appJar, Map<String, String> conf, String... args) {
    return submit(mainClass, appJar, List.of(), conf, DEFAULT_SUBMIT_TIMEOUT, List.of(args));
  }

  /** As above, with {@code extraJars} ({@code --jars}) and a timeout of your choice. */
  public synchronized SubmitResult submit(String mainClass, Path appJar, List<Path> extraJars,
      Map<String, String> conf, Duration timeout, List<String> args) {
    List<Path> appsBefore = dirs.appDirs();
    return new SparkSubmitCommand(dirs, masterUrl, totalCores).run("driver-" + (++submissions),
        mainClass, appJar, extraJars, conf, timeout, args,
        driver -> diagnostics(driver, appsBefore), this::afterApplication);
  }

  /**
   * The settings every submission starts from: loopback only, no UI, {@code spark.executor.cores=1},
   * {@code spark.executor.memory=1g}, {@code spark.cores.max} = all cores of the cluster, tasks wait
   * until every executor has registered, executors' java.io.tmpdir under {@link #root()},
   * {@code spark.files.useFetchCache=false} (one copy of the application jar per executor, not two),
   * and {@code -XX:TieredStopAtLevel=1} in the driver's and executors' extraJavaOptions (C1 only:
   * halves the time of short test applications on two cores). JVM options you pass are appended to
   * these, so yours win.
   */
  public Map<String, String> defaultConf() {
    return new SparkSubmitCommand(dirs, masterUrl, totalCores).defaults();
  }

  /** Tails of the master's and workers' logs, for failure messages. */
  public String diagnostics() {
    StringBuilder text = new StringBuilder(master.tail(20));
    workers.forEach(worker -> text.append(worker.tail(30)));
    return text.toString();
  }

  /** Stops the workers (and so their executors), then the master, by PID. */
  @Override
  public void close() {
    workers.forEach(ChildProcess::close);
    master.close();
    dirs.deleteApplicationFiles();
  }

  private String diagnostics(ChildProcess driver, List<Path> appsBefore) {
    StringBuilder text = new StringBuilder(driver.tail(80));
    for (Path app : dirs.appDirs()) {
      if (!appsBefore.contains(app)) {
        dirs.executorLogs(app).forEach(log -> text.append(Logs.section("executor", log, 40)));
      }
    }
    return text.append(diagnostics()).toString();
  }

  /**
   * Waits (at most 30 s) until the workers have no executors left, so the next submission gets all
   * cores, then deletes what the application left on disk. Returns a note if executors remained.
   */
  private String afterApplication() {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (executorsAlive() > 0 && System.nanoTime() < deadline) {
      sleep(200);
    }
    long left = executorsAlive();
    dirs.deleteApplicationFiles();
    return left == 0 ? "" : "\n(" + left + " executor JVMs were still running 30 s after the driver exited)";
  }

  private long executorsAlive() {
    return workers.stream().mapToLong(w -> w.handle().descendants().filter(ProcessHandle::isAlive).count()).sum();
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }
}
