package io.upscaler.job.testing;

import io.upscaler.job.testing.HttpWire.Head;
import io.upscaler.job.testing.S3Requests.Kind;
import io.upscaler.job.testing.S3Requests.Request;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.hadoop.conf.Configuration;

/**
 * A real counting and fault-injecting HTTP proxy on 127.0.0.1 between S3A (or any S3 client) and
 * an {@link S3Server}. Clients reach it with {@link #hadoopSettings()} or {@link #sparkConf()}: the
 * server's settings with {@code fs.s3a.endpoint} pointing here (path-style). Every request is
 * logged with its {@link Kind}, bucket, key and answered status ({@link #requests()}); chosen keys
 * can be answered with an S3 error instead of reaching the server ({@link #fail}).
 *
 * <pre>{@code
 * try (S3Traffic traffic = S3Traffic.start(s3)) {
 *   traffic.deny("s3a://in/secret/");            // 403 AccessDenied for every request under it
 *   run(traffic.sparkConf());
 *   assertEquals(40, traffic.requests().under("s3a://in/img/").count(Kind.GET));
 * }
 * }</pre>
 *
 * <p>Requests are forwarded byte for byte (heads included), so SigV4 signatures, which cover the
 * Host header, stay valid. Bodies are held in memory: meant for test-sized objects. An {@code
 * Expect: 100-continue} is answered by the proxy itself, so a fault never waits for the body.
 * Thread-safe; {@link #close()} stops the listener and every connection.
 */
public final class S3Traffic implements AutoCloseable {
  private static final byte[] CONTINUE = "HTTP/1.1 100 Continue\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

  private final S3Server server;
  private final ServerSocket listener;
  private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
    Thread t = new Thread(r, "s3-traffic");
    t.setDaemon(true);
    return t;
  });
  private final List<Request> log = Collections.synchronizedList(new ArrayList<>());
  private final List<Fault> faults = new CopyOnWriteArrayList<>();
  private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
  private final AtomicInteger faultIds = new AtomicInteger();

  /** An injected answer for requests on keys under {@code uriPrefix}, {@code times} times (-1: always). */
  private record Fault(String uriPrefix, int status, String code, AtomicInteger left) {
    boolean take(String uri) {
      if (!uri.startsWith(uriPrefix)) {
        return false;
      }
      return left.get() < 0 || left.getAndUpdate(n -> Math.max(0, n - 1)) > 0;
    }
  }

  private S3Traffic(S3Server server, ServerSocket listener) {
    this.server = server;
    this.listener = listener;
    threads.execute(this::accept);
  }

  /** A proxy on a free loopback port in front of {@code server}. */
  public static S3Traffic start(S3Server server) {
    try {
      return new S3Traffic(server, new ServerSocket(0, 50, InetAddress.getLoopbackAddress()));
    } catch (IOException e) {
      throw new UncheckedIOException("no free port on 127.0.0.1", e);
    }
  }

  /** {@code http://127.0.0.1:<port>} of the proxy. */
  public String endpoint() {
    return "http://127.0.0.1:" + listener.getLocalPort();
  }

  /** The server's S3A settings with the endpoint replaced by this proxy. */
  public Map<String, String> hadoopSettings() {
    Map<String, String> s = new LinkedHashMap<>(server.hadoopSettings());
    s.put("fs.s3a.endpoint", endpoint());
    return s;
  }

  /** {@link #hadoopSettings()} with Spark's {@code spark.hadoop.} prefix. */
  public Map<String, String> sparkConf() {
    return S3Server.sparkConf(hadoopSettings());
  }

  /** A Hadoop configuration (with Hadoop's defaults) holding {@link #hadoopSettings()}. */
  public Configuration hadoopConf() {
    return S3Server.hadoopConf(hadoopSettings());
  }

  /** The requests since the start or the last {@link #reset()}. */
  public S3Requests requests() {
    synchronized (log) {
      return new S3Requests(log);
    }
  }

  /** Forgets the requests logged so far (faults stay) and returns them. */
  public S3Requests reset() {
    synchronized (log) {
      S3Requests before = new S3Requests(log);
      log.clear();
      return before;
    }
  }

  /**
   * Answers every request on keys under {@code uriPrefix} ({@code s3a://bucket/key-prefix}) with
   * {@code status} and S3's error code for it (403 AccessDenied, 404 NoSuchKey, 500 InternalError,
   * 503 SlowDown), {@code times} times, or always when {@code times} is -1.
   */
  public void fail(String uriPrefix, int status, int times) {
    faults.add(new Fault(uriPrefix, status, errorCode(status), new AtomicInteger(times)));
  }

  /** Every request under {@code uriPrefix} is answered 403 AccessDenied. */
  public void deny(String uriPrefix) {
    fail(uriPrefix, 403, -1);
  }

  public void clearFaults() {
    faults.clear();
  }

  @Override
  public void close() {
    try {
      listener.close();
    } catch (IOException ignored) {
      // Closing anyway.
    }
    for (Socket s : sockets) {
      closeQuietly(s);
    }
    threads.shutdownNow();
  }

  private void accept() {
    while (!listener.isClosed()) {
      try {
        Socket client = listener.accept();
        sockets.add(client);
        threads.execute(() -> serve(client));
      } catch (IOException e) {
        return; // closed
      }
    }
  }

  /** One client connection: exchanges in turn, each relayed on this connection's own upstream socket. */
  private void serve(Socket client) {
    Upstream upstream = new Upstream();
    try (client; upstream) {
      InputStream in = new BufferedInputStream(client.getInputStream());
      OutputStream out = new BufferedOutputStream(client.getOutputStream());
      boolean open = true;
      while (open) {
        Head request = HttpWire.readHead(in);
        if (request == null) {
          return;
        }
        if ("100-continue".equalsIgnoreCase(request.header("Expect"))) {
          out.write(CONTINUE);
          out.flush();
        }
        byte[] body = HttpWire.readBody(request, in);
        Target target = Target.of(request);
        Fault fault = faults.stream().filter(f -> f.take(target.uri())).findFirst().orElse(null);
        if (fault != null) {
          log.add(target.answered(fault.status()));
          writeFault(out, target, fault);
        } else {
          open = upstream.relay(request, body, target, out);
        }
      }
    } catch (IOException e) {
      // The client or the server went away mid-exchange: the client sees a broken connection.
    } finally {
      sockets.remove(client);
    }
  }

  private void writeFault(OutputStream out, Target target, Fault fault) throws IOException {
    String xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>" + fault.code()
        + "</Code><Message>" + fault.code() + " (injected by the test proxy)</Message><Key>"
        + target.key() + "</Key><RequestId>s3traffic-" + faultIds.incrementAndGet() + "</RequestId></Error>";
    byte[] body = target.method().equals("HEAD") ? new byte[0] : xml.getBytes(StandardCharsets.UTF_8);
    String head = "HTTP/1.1 " + fault.status() + " " + reason(fault.status()) + "\r\n"
        + "Content-Type: application/xml\r\nContent-Length: " + body.length + "\r\n"
        + "x-amz-request-id: s3traffic-" + faultIds.get() + "\r\n\r\n";
    out.write(head.getBytes(StandardCharsets.US_ASCII));
    out.write(body);
    out.flush();
  }

  /** S3's error code and the HTTP reason phrase for an injected status. */
  private static final Map<Integer, List<String>> ERRORS = Map.of(
      403, List.of("AccessDenied", "Forbidden"),
      404, List.of("NoSuchKey", "Not Found"),
      500, List.of("InternalError", "Internal Server Error"),
      503, List.of("SlowDown", "Service Unavailable"));

  private static String errorCode(int status) {
    return ERRORS.getOrDefault(status, List.of("InjectedError", "Error")).get(0);
  }

  private static String reason(int status) {
    return ERRORS.getOrDefault(status, List.of("InjectedError", "Error")).get(1);
  }

  private static void closeQuietly(Socket s) {
    try {
      s.close();
    } catch (IOException ignored) {
      // Nothing to do.
    }
  }

  /** Where a request goes: method, bucket, decoded key and raw query of a path-style target. */
  private record Target(String method, String bucket, String key, String query, boolean copy) {
    static Target of(Head request) {
      String[] parts = request.startLine().split(" ");
      String target = parts[1].replaceFirst("^https?://[^/]*", "");
      int q = target.indexOf('?');
      String path = decode(q < 0 ? target : target.substring(0, q));
      String query = q < 0 ? "" : target.substring(q + 1);
      String rest = path.startsWith("/") ? path.substring(1) : path;
      int slash = rest.indexOf('/');
      String bucket = slash < 0 ? rest : rest.substring(0, slash);
      String key = slash < 0 ? "" : rest.substring(slash + 1);
      return new Target(parts[0], bucket, key, query, request.header("x-amz-copy-source") != null);
    }

    String uri() {
      return "s3a://" + bucket + "/" + key;
    }

    Request answered(int status) {
      return new Request(kind(), method, bucket, key, query, status);
    }

    Kind kind() {
      return switch (method) {
        case "HEAD" -> Kind.HEAD;
        case "GET" -> key.isEmpty() ? Kind.LIST : Kind.GET;
        case "PUT" -> copy ? Kind.COPY : Kind.PUT;
        case "POST" -> ("&" + query + "&").contains("&delete&") || query.startsWith("delete=") ? Kind.DELETE : Kind.POST;
        case "DELETE" -> Kind.DELETE;
        default -> Kind.GET;
      };
    }

    /** Percent-decoding of a path (UTF-8; '+' stays '+', as in S3 paths). */
    private static String decode(String raw) {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      for (int i = 0; i < raw.length(); i++) {
        char c = raw.charAt(i);
        if (c == '%' && i + 2 < raw.length()) {
          bytes.write(Integer.parseInt(raw.substring(i + 1, i + 3), 16));
          i += 2;
        } else {
          bytes.writeBytes(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
        }
      }
      return bytes.toString(StandardCharsets.UTF_8);
    }
  }

  /** The server side of one client connection, (re)connected as needed. */
  private final class Upstream implements AutoCloseable {
    private Socket socket;
    private InputStream in;
    private OutputStream out;

    /**
     * Sends one request to the server and copies its answer to the client; 1xx interim answers are
     * dropped (the proxy sent its own 100). Returns whether both connections stay open.
     */
    boolean relay(Head request, byte[] body, Target target, OutputStream client) throws IOException {
      Head response = send(request, body);
      log.add(target.answered(response.status()));
      client.write(response.raw());
      int status = response.status();
      boolean bodiless = target.method().equals("HEAD") || status == 204 || status == 304;
      boolean framed = response.chunked() || response.contentLength() >= 0;
      if (!bodiless) {
        HttpWire.copyBody(response, in, client);
      }
      client.flush();
      boolean open = (bodiless || framed) && !"close".equalsIgnoreCase(response.header("Connection"));
      if (!open) {
        close();
      }
      return open;
    }

    /** Writes the request; a reused connection the server closed meanwhile is reopened once. */
    private Head send(Head request, byte[] body) throws IOException {
      for (int attempt = 0; ; attempt++) {
        boolean reused = socket != null;
        if (!reused) {
          connect();
        }
        try {
          out.write(request.raw());
          out.write(body);
          out.flush();
          Head response = HttpWire.readHead(in);
          while (response != null && response.status() / 100 == 1) {
            response = HttpWire.readHead(in);
          }
          if (response != null) {
            return response;
          }
        } catch (IOException e) {
          if (!reused || attempt > 0) {
            throw e;
          }
        }
        close();
        if (!reused || attempt > 0) {
          throw new IOException("server closed the connection without an answer");
        }
      }
    }

    private void connect() throws IOException {
      socket = new Socket(InetAddress.getLoopbackAddress(), server.port());
      socket.setSoTimeout(120_000);
      in = new BufferedInputStream(socket.getInputStream());
      out = new BufferedOutputStream(socket.getOutputStream());
    }

    @Override
    public void close() {
      if (socket != null) {
        closeQuietly(socket);
        socket = null;
      }
    }
  }
}
