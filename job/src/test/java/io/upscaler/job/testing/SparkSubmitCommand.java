package io.upscaler.job.testing;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * The command line of a client-mode {@code spark-submit} as a plain JVM: what {@code bin/spark-submit}
 * would run, plus the test defaults. In client mode the driver runs in this JVM, so
 * {@code spark.driver.memory} and {@code spark.driver.extraJavaOptions} become its JVM options here
 * (the launcher script is not involved).
 */
final class SparkSubmitCommand {
  private static final String DRIVER_OPTIONS = "spark.driver.extraJavaOptions";
  private static final String EXECUTOR_OPTIONS = "spark.executor.extraJavaOptions";
  /**
   * C1 only: on two cores, C2 compiling Spark's and the AWS SDK's start-up code in five cold JVMs
   * doubled the smoke test's submit time (measured 50 s vs 26 s). Pass -XX:TieredStopAtLevel=4 in
   * the extraJavaOptions to get C2 back (the last option wins).
   */
  private static final String QUICK_JIT = "-XX:TieredStopAtLevel=1";
  private final ClusterDirs dirs;
  private final String masterUrl;
  private final int totalCores;

  private final Map<String, String> env;

  SparkSubmitCommand(ClusterDirs dirs, String masterUrl, int totalCores) {
    this(dirs, masterUrl, totalCores, Map.of());
  }

  /** As above; the driver JVM gets {@code env} over the cluster's environment. */
  SparkSubmitCommand(ClusterDirs dirs, String masterUrl, int totalCores, Map<String, String> env) {
    this.dirs = dirs;
    this.masterUrl = masterUrl;
    this.totalCores = totalCores;
    this.env = Map.copyOf(env);
  }

  /**
   * Loopback only, no UI, 1-core 1 GB executors using every core of the cluster, tasks held back
   * until all executors have registered (else the first executor can take every task), the
   * executors' java.io.tmpdir under the cluster folder, no fetch cache, C1-only JIT for driver
   * and executors, and an event log in the cluster folder's {@code events/}.
   */
  Map<String, String> defaults() {
    Map<String, String> conf = new LinkedHashMap<>();
    conf.put("spark.driver.host", "127.0.0.1");
    conf.put("spark.driver.bindAddress", "127.0.0.1");
    conf.put("spark.ui.enabled", "false");
    conf.put("spark.executor.cores", "1");
    conf.put("spark.executor.memory", "1g");
    conf.put("spark.cores.max", String.valueOf(totalCores));
    conf.put("spark.scheduler.minRegisteredResourcesRatio", "1.0");
    conf.put("spark.scheduler.maxRegisteredResourcesWaitingTime", "60s");
    conf.put(DRIVER_OPTIONS, QUICK_JIT);
    conf.put(EXECUTOR_OPTIONS, tmpdirOption() + " " + QUICK_JIT);
    // Executors fetch the application jar straight into their work folder: the shared fetch cache
    // would add a copy of it (hundreds of MB) per executor, for nothing on a one-host cluster.
    conf.put("spark.files.useFetchCache", "false");
    // What happened to every task and executor, for tests about lost executors and speculation.
    conf.put("spark.eventLog.enabled", "true");
    conf.put("spark.eventLog.dir", dirs.events().toUri().toString());
    return conf;
  }

  List<String> build(String mainClass, Path appJar, List<Path> extraJars, Map<String, String> conf,
      List<String> args) {
    Map<String, String> effective = effectiveConf(conf);
    List<String> command = new ArrayList<>(List.of(ChildProcess.java()));
    command.addAll(JavaFlags.sparkOpens());
    command.add("-Xmx" + effective.getOrDefault("spark.driver.memory", "1g"));
    command.add(tmpdirOption());
    command.addAll(Arrays.asList(effective.get(DRIVER_OPTIONS).trim().split("\\s+")));
    command.addAll(List.of("-cp", dirs.classpath(), "org.apache.spark.deploy.SparkSubmit",
        "--master", masterUrl, "--deploy-mode", "client", "--class", mainClass));
    if (!extraJars.isEmpty()) {
      command.addAll(List.of("--jars",
          extraJars.stream().map(Path::toString).collect(Collectors.joining(","))));
    }
    effective.forEach((key, value) -> command.addAll(List.of("--conf", key + "=" + value)));
    command.add(appJar.toString());
    command.addAll(args);
    return command;
  }

  /** Defaults, then {@code conf}; JVM options are joined (defaults first, so the caller's win). */
  private Map<String, String> effectiveConf(Map<String, String> conf) {
    Map<String, String> defaults = defaults();
    Map<String, String> effective = new LinkedHashMap<>(defaults);
    effective.putAll(conf);
    for (String key : List.of(DRIVER_OPTIONS, EXECUTOR_OPTIONS)) {
      if (conf.containsKey(key)) {
        effective.put(key, defaults.get(key) + " " + conf.get(key));
      }
    }
    return effective;
  }

  /**
   * Runs {@code spark-submit} as a child JVM named {@code name} and waits for it, at most
   * {@code timeout}. Then {@code afterExit} runs (it may wait for executors and clean up) and returns
   * a note for the diagnostics; {@code diagnostics} gives the log tails. Fails with them only when
   * the driver has to be stopped for taking too long.
   */
  SubmitResult run(String name, String mainClass, Path appJar, List<Path> extraJars,
      Map<String, String> conf, Duration timeout, List<String> args,
      Function<ChildProcess, String> diagnostics, Supplier<String> afterExit) {
    long start = System.nanoTime();
    ChildProcess driver = dirs.launchDriver(name, build(mainClass, appJar, extraJars, conf, args), env);
    Integer exitCode = driver.awaitExit(timeout);
    Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
    if (exitCode == null) {
      String logs = diagnostics.apply(driver);
      driver.close();
      afterExit.get();
      throw new AssertionError("spark-submit of " + mainClass + " did not finish within " + timeout + logs);
    }
    String note = afterExit.get();
    return new SubmitResult(exitCode, Logs.read(driver.stdout()), Logs.read(driver.stderr()), elapsed,
        note + diagnostics.apply(driver));
  }

  private String tmpdirOption() {
    return "-Djava.io.tmpdir=" + dirs.appTmp();
  }
}
