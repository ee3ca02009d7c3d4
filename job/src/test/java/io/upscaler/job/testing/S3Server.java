package io.upscaler.job.testing;

import com.amazonaws.auth.AWSStaticCredentialsProvider;
import com.amazonaws.auth.BasicAWSCredentials;
import com.amazonaws.client.builder.AwsClientBuilder.EndpointConfiguration;
import com.amazonaws.services.s3.AmazonS3;
import com.amazonaws.services.s3.AmazonS3ClientBuilder;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.RemoteIterator;

/**
 * A real S3 endpoint for tests: s3proxy in its own JVM on 127.0.0.1 and a free port, storing
 * buckets as folders under a directory in target/ (filesystem-nio2 backend). Clients reach it through
 * Hadoop's S3A connector with {@link #hadoopSettings()} (or {@link #sparkConf()} for Spark).
 *
 * <pre>{@code
 * try (S3Server s3 = S3Server.start()) {
 *   s3.createBucket("in");
 *   s3.put("s3a://in/a.txt", "hello".getBytes(UTF_8));
 *   cluster.submit(mainClass, appJar, s3.sparkConf(), "s3a://in/a.txt");
 * }
 * }</pre>
 *
 * <p>Lifecycle: {@link #start} returns once the port accepts connections (bounded); {@link #close}
 * closes the S3A clients and stops the server JVM by PID. A shutdown hook stops it too if the test
 * JVM exits first. The helper methods are thread-safe (S3A file systems are).
 */
public final class S3Server implements AutoCloseable {
  public static final String ACCESS_KEY = "upscaler-access";
  public static final String SECRET_KEY = "upscaler-secret";
  public static final String REGION = "us-east-1";
  private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
  private static final int START_ATTEMPTS = 3;

  private final ChildProcess process;
  private final int port;
  private final Path dir;
  private final Map<String, FileSystem> fileSystems = new ConcurrentHashMap<>();

  private S3Server(ChildProcess process, int port, Path dir) {
    this.process = process;
    this.port = port;
    this.dir = dir;
  }

  /** Starts a server with its data under a fresh folder of {@link E2eFiles#workDir()}. */
  public static S3Server start() {
    try {
      return start(Files.createTempDirectory(E2eFiles.workDir(), "s3-"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Starts a server keeping buckets under {@code dir}/data. A free port is picked and, should
   * another process take it before s3proxy binds, the start is retried on a new port.
   */
  public static S3Server start(Path dir) {
    AssertionError last = null;
    for (int attempt = 1; attempt <= START_ATTEMPTS; attempt++) {
      int port = freePort();
      ChildProcess process = launch(dir, port, attempt);
      try {
        process.awaitPort("127.0.0.1", port, START_TIMEOUT);
        return new S3Server(process, port, dir);
      } catch (AssertionError e) {
        process.close();
        last = e;
      }
    }
    throw last;
  }

  /** {@code http://127.0.0.1:<port>}. */
  public String endpoint() {
    return "http://127.0.0.1:" + port;
  }

  public int port() {
    return port;
  }

  /** The folder holding bucket {@code bucket}'s objects (to corrupt or inspect them directly). */
  public Path bucketDir(String bucket) {
    return dir.resolve("data").resolve(bucket);
  }

  /**
   * The S3A settings that reach this server: path-style, plain HTTP, static keys, few retries so a
   * dead server fails a test in seconds, and no FileSystem cache (a cached client would keep the
   * endpoint of a server that is gone).
   */
  public Map<String, String> hadoopSettings() {
    Map<String, String> s = new LinkedHashMap<>();
    s.put("fs.s3a.endpoint", endpoint());
    s.put("fs.s3a.endpoint.region", REGION);
    s.put("fs.s3a.path.style.access", "true");
    s.put("fs.s3a.connection.ssl.enabled", "false");
    s.put("fs.s3a.access.key", ACCESS_KEY);
    s.put("fs.s3a.secret.key", SECRET_KEY);
    s.put("fs.s3a.aws.credentials.provider", "org.apache.hadoop.fs.s3a.SimpleAWSCredentialsProvider");
    s.put("fs.s3a.impl.disable.cache", "true");
    s.put("fs.s3a.attempts.maximum", "3");
    s.put("fs.s3a.retry.limit", "3");
    s.put("fs.s3a.retry.interval", "100ms");
    s.put("fs.s3a.connection.establish.timeout", "5000");
    // Upload buffers go to target/, not /tmp/hadoop-<user>.
    s.put("fs.s3a.buffer.dir", dir.resolve("s3a-buffer").toString());
    return s;
  }

  /** {@link #hadoopSettings()} with Spark's {@code spark.hadoop.} prefix, for SparkConf/--conf. */
  public Map<String, String> sparkConf() {
    return sparkConf(hadoopSettings());
  }

  /** A Hadoop configuration (with Hadoop's defaults) holding {@link #hadoopSettings()}. */
  public Configuration hadoopConf() {
    return hadoopConf(hadoopSettings());
  }

  /** Hadoop settings with Spark's {@code spark.hadoop.} prefix. */
  static Map<String, String> sparkConf(Map<String, String> hadoopSettings) {
    Map<String, String> conf = new LinkedHashMap<>();
    hadoopSettings.forEach((k, v) -> conf.put("spark.hadoop." + k, v));
    return conf;
  }

  /** A Hadoop configuration (with Hadoop's defaults) holding {@code hadoopSettings}. */
  static Configuration hadoopConf(Map<String, String> hadoopSettings) {
    Configuration conf = new Configuration();
    hadoopSettings.forEach(conf::set);
    return conf;
  }

  /** Creates {@code bucket} through the S3 API (S3A cannot create buckets). */
  public void createBucket(String bucket) {
    AmazonS3 client = AmazonS3ClientBuilder.standard()
        .withEndpointConfiguration(new EndpointConfiguration(endpoint(), REGION))
        .withPathStyleAccessEnabled(true)
        .withCredentials(new AWSStaticCredentialsProvider(new BasicAWSCredentials(ACCESS_KEY, SECRET_KEY)))
        .build();
    try {
      client.createBucket(bucket);
    } finally {
      client.shutdown();
    }
  }

  /** Writes an object; {@code uri} is {@code s3a://bucket/key}. One single-part upload. */
  public void put(String uri, byte[] content) {
    org.apache.hadoop.fs.Path path = new org.apache.hadoop.fs.Path(uri);
    try (OutputStream out = fileSystem(uri).create(path, true)) {
      out.write(content);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + uri + diagnostics(), e);
    }
  }

  /** Uploads a local file to {@code uri} (through {@code create()}: S3A's copyFromLocalFile fails here). */
  public void put(String uri, Path localFile) {
    try {
      put(uri, Files.readAllBytes(localFile));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + localFile, e);
    }
  }

  /** Writes UTF-8 text to {@code uri}. */
  public void putString(String uri, String text) {
    put(uri, text.getBytes(StandardCharsets.UTF_8));
  }

  /** Reads a whole object. */
  public byte[] get(String uri) {
    try (InputStream in = fileSystem(uri).open(new org.apache.hadoop.fs.Path(uri))) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + uri + diagnostics(), e);
    }
  }

  /** Reads a whole object as UTF-8 text. */
  public String getString(String uri) {
    return new String(get(uri), StandardCharsets.UTF_8);
  }

  public boolean exists(String uri) {
    try {
      return fileSystem(uri).exists(new org.apache.hadoop.fs.Path(uri));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot check " + uri + diagnostics(), e);
    }
  }

  /** Every object under {@code prefixUri} (recursively), as sorted {@code s3a://} URIs. */
  public List<String> list(String prefixUri) {
    List<String> uris = new ArrayList<>();
    try {
      RemoteIterator<LocatedFileStatus> files =
          fileSystem(prefixUri).listFiles(new org.apache.hadoop.fs.Path(prefixUri), true);
      while (files.hasNext()) {
        uris.add(files.next().getPath().toString());
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + prefixUri + diagnostics(), e);
    }
    uris.sort(null);
    return uris;
  }

  /**
   * The S3A file system of {@code uri}'s bucket, configured by {@link #hadoopSettings()}. Owned by
   * this server (closed by {@link #close()}): do not close it.
   */
  public FileSystem fileSystem(String uri) {
    String bucket = new org.apache.hadoop.fs.Path(uri).toUri().getHost(); // keys may hold "%" or " "
    return fileSystems.computeIfAbsent(bucket, b -> {
      try {
        return FileSystem.get(URI.create("s3a://" + b + "/"), hadoopConf());
      } catch (IOException e) {
        throw new UncheckedIOException("cannot open s3a://" + b + diagnostics(), e);
      }
    });
  }

  /** The tail of the server's log, for failure messages. */
  public String diagnostics() {
    return process.tail(40);
  }

  @Override
  public void close() {
    for (FileSystem fs : fileSystems.values()) {
      try {
        fs.close();
      } catch (IOException ignored) {
        // The server is going away; nothing left to flush.
      }
    }
    fileSystems.clear();
    process.close();
  }

  private static ChildProcess launch(Path dir, int port, int attempt) {
    try {
      Files.createDirectories(dir.resolve("data"));
      Files.createDirectories(dir.resolve("tmp"));
      Path properties = dir.resolve("s3proxy.properties");
      Files.writeString(properties, String.join("\n",
          "s3proxy.endpoint=" + "http://127.0.0.1:" + port,
          "s3proxy.authorization=aws-v2-or-v4",
          "s3proxy.identity=" + ACCESS_KEY,
          "s3proxy.credential=" + SECRET_KEY,
          "jclouds.provider=filesystem-nio2",
          "jclouds.filesystem.basedir=" + dir.resolve("data"),
          ""));
      List<String> command = new ArrayList<>(List.of(ChildProcess.java()));
      command.addAll(JavaFlags.lightServer("512m"));
      command.addAll(List.of("-Djava.io.tmpdir=" + dir.resolve("tmp"),
          "-jar", E2eFiles.s3proxyJar().toString(), "--properties", properties.toString()));
      Path log = dir.resolve("s3proxy-" + attempt + ".log");
      return ChildProcess.start("s3proxy", command, Map.of(), dir, log, log);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot prepare s3proxy in " + dir, e);
    }
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("no free port on 127.0.0.1", e);
    }
  }
}
