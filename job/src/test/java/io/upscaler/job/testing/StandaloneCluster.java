package io.upscaler.job.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A real Spark standalone cluster on 127.0.0.1: a master and workers, each its own JVM started from
 * the SPARK_HOME that the spark-dist module builds (Spark, Hadoop, hadoop-aws; nothing of ours), and
 * {@code spark-submit} in client mode as a child JVM, so the application jar must bring everything
 * else. With the defaults (two workers of one core each) a submission gets two 1-core, 1 GB
 * executors, each in its own JVM on its own host.
 *
 * <p>Worker {@code i} listens on {@code 127.0.0.<i+1>} (Linux routes all of 127.0.0.0/8 to the
 * loopback interface), so every worker is a host of its own to Spark: the scheduler runs a
 * speculative copy of a task only on a host where that task has no attempt yet, so on a one-host
 * cluster speculation could never happen.
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
  private static final Pattern APP_ID = Pattern.compile("Connected to Spark cluster with app ID (\\S+)");

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

  /** Two workers (hosts 127.0.0.1 and 127.0.0.2) with one core and 2 GB each: one 1 GB executor each. */
  public static StandaloneCluster start() {
    return start(2, 1, "2g");
  }

  /**
   * Starts a master, then {@code workers} workers in parallel (worker {@code i} on host
   * {@code 127.0.0.<i+1>}), and returns once every worker has registered (each step bounded by 90 s).
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
        String host = workerHost(i);
        // The worker's executors inherit SPARK_LOCAL_IP, so they bind to their worker's host too.
        started.add(dirs.launch("worker-" + i, List.of("org.apache.spark.deploy.worker.Worker",
            "--host", host, "--port", "0", "--webui-port", "0",
            "--cores", String.valueOf(coresPerWorker), "--memory", memoryPerWorker,
            "--work-dir", dirs.workerDir(i).toString(), url), Map.of("SPARK_LOCAL_IP", host)));
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

  /** The address worker {@code index} listens on, and its executors register with. */
  public static String workerHost(int index) {
    if (index < 0 || index > 253) {
      throw new IllegalArgumentException("worker index out of range 0..253: " + index);
    }
    return "127.0.0." + (index + 1);
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

  /**
   * The executor JVMs running now, of every worker, found by PID among the workers' child processes.
   * Submissions run one at a time, so during {@link #submit} these are that application's.
   */
  public List<ExecutorProcess> executors() {
    List<ExecutorProcess> found = new ArrayList<>();
    for (int i = 0; i < workers.size(); i++) {
      Path dir = dirs.workerDir(i);
      workers.get(i).handle().children().filter(ProcessHandle::isAlive)
          .forEach(child -> ExecutorProcess.of(child, dir).ifPresent(found::add));
    }
    return found;
  }

  /**
   * Settings that make executors log every task they start ({@code Running task 0.0 in stage 3.0
   * (TID 7)}), for {@link ExecutorProcess#runningTask()}: the cluster's log configuration plus
   * Spark's {@code Executor} logger at INFO, given to the executors as their log4j2 configuration.
   */
  public Map<String, String> taskLogging() {
    Path file = dirs.root().resolve("executor-log4j2.properties");
    try {
      String base = Files.readString(dirs.sparkHome().resolve("conf").resolve("log4j2.properties"));
      Files.writeString(file, base + "\nlogger.executor.name = org.apache.spark.executor.Executor\n"
          + "logger.executor.level = info\n");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
    return Map.of("spark.executor.extraJavaOptions", "-Dlog4j2.configurationFile=" + file.toUri());
  }

  /**
   * The log files of every executor application {@code appId} had, dead ones included:
   * executor id → its stderr.
   */
  public Map<String, Path> executorLogs(String appId) {
    Map<String, Path> logs = new java.util.TreeMap<>();
    for (int i = 0; i < workers.size(); i++) {
      Path app = dirs.workerDir(i).resolve(appId);
      for (Path log : dirs.executorLogs(app)) {
        if (log.getFileName().toString().equals("stderr")) {
          logs.put(log.getParent().getFileName().toString(), log);
        }
      }
    }
    return logs;
  }

  /** The event log of the application {@code result} ran (its driver logs the application id). */
  public SparkEventLog eventLog(SubmitResult result) {
    return SparkEventLog.read(dirs.events(), appId(result));
  }

  /** The raw event log file of the application {@code result} ran (finished, else in progress). */
  public Path eventLogFile(SubmitResult result) {
    Path file = dirs.events().resolve(appId(result));
    return Files.exists(file) ? file : dirs.events().resolve(appId(result) + ".inprogress");
  }

  /** The application id the driver of {@code result} was given by the master. */
  public static String appId(SubmitResult result) {
    Matcher m = APP_ID.matcher(result.stderr());
    if (!m.find()) {
      throw new AssertionError("the driver logged no application id" + result.diagnostics());
    }
    return m.group(1);
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

  static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }
}
