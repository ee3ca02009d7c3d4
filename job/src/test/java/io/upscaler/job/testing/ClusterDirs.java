package io.upscaler.job.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** The folders, environment and launch commands of one {@link StandaloneCluster} or {@link LocalSubmit}. */
final class ClusterDirs {
  private final Path sparkHome;
  private final Path root;

  private ClusterDirs(Path sparkHome, Path root) {
    this.sparkHome = sparkHome;
    this.root = root;
  }

  /** A fresh {@code target/e2e/<prefix>*} folder with the layout described in StandaloneCluster. */
  static ClusterDirs create(Path sparkHome, String prefix) {
    try {
      ClusterDirs dirs = new ClusterDirs(sparkHome, Files.createTempDirectory(E2eFiles.workDir(), prefix));
      for (String sub : List.of("logs", "work", "local", "tmp", "app-tmp", "events")) {
        Files.createDirectories(dirs.root.resolve(sub));
      }
      return dirs;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create a cluster folder under " + E2eFiles.workDir(), e);
    }
  }

  Path sparkHome() {
    return sparkHome;
  }

  Path root() {
    return root;
  }

  /** java.io.tmpdir of drivers and executors (emptied after every application). */
  Path appTmp() {
    return root.resolve("app-tmp");
  }

  /** Spark event logs of the drivers ({@code spark.eventLog.dir}); kept, like the other logs. */
  Path events() {
    return root.resolve("events");
  }

  Path workerDir(int index) {
    return root.resolve("work").resolve("worker-" + index);
  }

  /** {@code conf:jars/*}: the classpath Spark's own scripts would build from SPARK_HOME. */
  String classpath() {
    return sparkHome.resolve("conf") + java.io.File.pathSeparator + sparkHome.resolve("jars") + "/*";
  }

  /**
   * What Spark's launch scripts would export. Workers pass it on to the executors they start, which
   * find their classpath through SPARK_HOME and SPARK_SCALA_VERSION and bind to SPARK_LOCAL_IP.
   */
  Map<String, String> environment() {
    return Map.of(
        "SPARK_HOME", sparkHome.toString(),
        "SPARK_CONF_DIR", sparkHome.resolve("conf").toString(),
        "SPARK_SCALA_VERSION", scalaVersion(),
        "SPARK_LOCAL_IP", "127.0.0.1",
        "SPARK_LOCAL_DIRS", root.resolve("local").toString(),
        "TMPDIR", root.resolve("tmp").toString(),
        "JAVA_HOME", System.getProperty("java.home"));
  }

  /** Starts a master or worker: a light JVM, output and errors in logs/{@code name}.log. */
  ChildProcess launch(String name, List<String> mainClassAndArgs) {
    return launch(name, mainClassAndArgs, Map.of());
  }

  /** As above, with {@code env} over {@link #environment()} (a worker's own SPARK_LOCAL_IP). */
  ChildProcess launch(String name, List<String> mainClassAndArgs, Map<String, String> env) {
    List<String> command = new ArrayList<>(List.of(ChildProcess.java()));
    command.addAll(JavaFlags.sparkOpens());
    command.addAll(JavaFlags.lightServer("512m"));
    command.addAll(List.of("-Djava.io.tmpdir=" + root.resolve("tmp"), "-cp", classpath()));
    command.addAll(mainClassAndArgs);
    Path log = root.resolve("logs").resolve(name + ".log");
    Map<String, String> all = new java.util.HashMap<>(environment());
    all.putAll(env);
    return ChildProcess.start(name, command, all, root, log, log);
  }

  /** Starts a driver JVM from a full command; logs/{@code name}.out and .err. */
  ChildProcess launchDriver(String name, List<String> command) {
    return launchDriver(name, command, Map.of());
  }

  /** As above, with {@code env} over {@link #environment()} (e.g. AWS credentials for the driver). */
  ChildProcess launchDriver(String name, List<String> command, Map<String, String> env) {
    Path logs = root.resolve("logs");
    Map<String, String> all = new java.util.HashMap<>(environment());
    all.putAll(env);
    return ChildProcess.start(name, command, all, root,
        logs.resolve(name + ".out"), logs.resolve(name + ".err"));
  }

  /** Every application folder of every worker ({@code work/worker-N/app-*}). */
  List<Path> appDirs() {
    try (Stream<Path> workerDirs = list(root.resolve("work"))) {
      return workerDirs.flatMap(ClusterDirs::list).filter(p -> p.getFileName().toString().startsWith("app-"))
          .sorted().toList();
    }
  }

  /** The stdout and stderr files of an application's executors. */
  List<Path> executorLogs(Path appDir) {
    try (Stream<Path> executors = list(appDir)) {
      return executors.flatMap(e -> Stream.of(e.resolve("stderr"), e.resolve("stdout")))
          .filter(Files::isRegularFile).sorted().toList();
    }
  }

  /**
   * Deletes the application jars that executors fetched into their work folders (hundreds of MB per
   * executor) and everything in {@link #appTmp()} (ORT's native libraries, 583 MB per JVM if CUDA was
   * tried). Executor logs stay. Call only when no application is running.
   */
  void deleteApplicationFiles() {
    for (Path app : appDirs()) {
      try (Stream<Path> files = Files.walk(app)) {
        files.filter(p -> p.toString().endsWith(".jar")).forEach(ClusterDirs::delete);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot clean " + app, e);
      }
    }
    try (Stream<Path> files = Files.walk(appTmp())) {
      files.sorted(Comparator.reverseOrder()).filter(p -> !p.equals(appTmp())).forEach(ClusterDirs::delete);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot clean " + appTmp(), e);
    }
  }

  /** "2.12" from jars/spark-core_2.12-*.jar: Spark's launcher needs it to find jars/. */
  private String scalaVersion() {
    try (DirectoryStream<Path> core = Files.newDirectoryStream(sparkHome.resolve("jars"), "spark-core_*.jar")) {
      for (Path jar : core) {
        String name = jar.getFileName().toString();
        return name.substring("spark-core_".length(), name.indexOf('-', "spark-core_".length()));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + sparkHome.resolve("jars"), e);
    }
    throw new IllegalStateException("no spark-core_*.jar in " + sparkHome.resolve("jars"));
  }

  private static Stream<Path> list(Path dir) {
    if (!Files.isDirectory(dir)) {
      return Stream.empty();
    }
    try {
      return Files.list(dir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + dir, e);
    }
  }

  private static void delete(Path path) {
    try {
      Files.deleteIfExists(path);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete " + path, e);
    }
  }
}
