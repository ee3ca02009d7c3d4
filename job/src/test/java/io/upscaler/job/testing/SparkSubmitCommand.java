package io.upscaler.job.testing;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The command line of a client-mode {@code spark-submit} as a plain JVM: what {@code bin/spark-submit}
 * would run, plus the test defaults. In client mode the driver runs in this JVM, so
 * {@code spark.driver.memory} and {@code spark.driver.extraJavaOptions} become its JVM options here
 * (the launcher script is not involved).
 */
final class SparkSubmitCommand {
  private final ClusterDirs dirs;
  private final String masterUrl;
  private final int totalCores;

  SparkSubmitCommand(ClusterDirs dirs, String masterUrl, int totalCores) {
    this.dirs = dirs;
    this.masterUrl = masterUrl;
    this.totalCores = totalCores;
  }

  /**
   * Loopback only, no UI, 1-core 1 GB executors using every core of the cluster, tasks held back
   * until all executors have registered (else the first executor can take every task), and the
   * executors' java.io.tmpdir under the cluster folder.
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
    conf.put("spark.executor.extraJavaOptions", tmpdirOption());
    return conf;
  }

  List<String> build(String mainClass, Path appJar, List<Path> extraJars, Map<String, String> conf,
      List<String> args) {
    Map<String, String> effective = effectiveConf(conf);
    List<String> command = new ArrayList<>(List.of(ChildProcess.java()));
    command.addAll(JavaFlags.sparkOpens());
    command.add("-Xmx" + effective.getOrDefault("spark.driver.memory", "1g"));
    command.add(tmpdirOption());
    String driverOptions = effective.getOrDefault("spark.driver.extraJavaOptions", "").trim();
    if (!driverOptions.isEmpty()) {
      command.addAll(Arrays.asList(driverOptions.split("\\s+")));
    }
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

  /** Defaults, then {@code conf}; executor JVM options are joined (ours first, so theirs win). */
  private Map<String, String> effectiveConf(Map<String, String> conf) {
    Map<String, String> effective = defaults();
    effective.putAll(conf);
    String key = "spark.executor.extraJavaOptions";
    if (conf.containsKey(key)) {
      effective.put(key, tmpdirOption() + " " + conf.get(key));
    }
    return effective;
  }

  private String tmpdirOption() {
    return "-Djava.io.tmpdir=" + dirs.appTmp();
  }
}
