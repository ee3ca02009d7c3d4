package io.upscaler.job.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * A real HTTP (or HTTPS) server on 127.0.0.1 (the JDK's com.sun.net.httpserver) for tests of URL
 * inputs: each path answers with a {@link Route} (bytes, chunked bodies, statuses, redirects,
 * stalls, bodies cut short), and every request is counted by path and query. Unknown paths are
 * 404. {@link #close()} releases stalled handlers and stops the server.
 */
public final class HttpTestServer implements AutoCloseable {
  private final HttpServer server;
  private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
    Thread t = new Thread(r, "http-test-server");
    t.setDaemon(true);
    return t;
  });
  private final Map<String, Route> routes = new ConcurrentHashMap<>();
  private final Map<String, AtomicInteger> requests = new ConcurrentHashMap<>();
  private final Map<String, AtomicLong> bytesSent = new ConcurrentHashMap<>();
  private final Map<String, Boolean> completed = new ConcurrentHashMap<>();
  private final CountDownLatch released = new CountDownLatch(1);

  /** What a path answers; {@code n} counts this path's requests from 1. */
  @FunctionalInterface
  public interface Route {
    void answer(HttpExchange exchange, int n, Body body) throws IOException, InterruptedException;
  }

  /** Writes a body, counting bytes; {@link #stall()} blocks until the server is closed. */
  public final class Body {
    private final String key;
    private final OutputStream out;

    Body(String key, OutputStream out) {
      this.key = key;
      this.out = out;
    }

    public void write(byte[] b, int off, int len) throws IOException {
      out.write(b, off, len);
      out.flush();
      bytesSent.computeIfAbsent(key, k -> new AtomicLong()).addAndGet(len);
    }

    public void stall() throws InterruptedException {
      released.await(60, TimeUnit.SECONDS);
    }
  }

  private HttpTestServer(HttpServer server) {
    this.server = server;
    server.setExecutor(threads);
    server.createContext("/", this::handle);
    server.start();
  }

  /** A plain HTTP server on a free loopback port. */
  public static HttpTestServer start() throws IOException {
    return new HttpTestServer(HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0));
  }

  /**
   * An HTTPS server on a free loopback port with a fresh self-signed certificate for 127.0.0.1
   * (made by the JDK's keytool under {@code dir}); {@link #clientContext()} trusts it.
   */
  public static HttpTestServer startHttps(Path dir) throws Exception {
    HttpsServer s = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    s.setHttpsConfigurator(new HttpsConfigurator(Tls.server(dir)));
    return new HttpTestServer(s);
  }

  /** An SSL context that trusts the certificate of servers from {@link #startHttps}. */
  public static SSLContext clientContext(Path dir) throws Exception {
    return Tls.client(dir);
  }

  /** "http://127.0.0.1:PORT" + path. */
  public String url(String path) {
    String scheme = server instanceof HttpsServer ? "https" : "http";
    return scheme + "://127.0.0.1:" + server.getAddress().getPort() + path;
  }

  public HttpTestServer route(String path, Route route) {
    routes.put(path, route);
    return this;
  }

  /** Requests seen for a path with its query ("/a.png?w=1"), or without one ("/a.png"). */
  public int requests(String pathAndQuery) {
    AtomicInteger n = requests.get(pathAndQuery);
    return n == null ? 0 : n.get();
  }

  /** Body bytes written for a path (as {@link #requests}), over all its requests. */
  public long bytesSent(String pathAndQuery) {
    AtomicLong n = bytesSent.get(pathAndQuery);
    return n == null ? 0 : n.get();
  }

  /** Whether the last answer for a path wrote its whole body. */
  public boolean completed(String pathAndQuery) {
    return completed.getOrDefault(pathAndQuery, false);
  }

  private void handle(HttpExchange ex) throws IOException {
    String path = ex.getRequestURI().getRawPath();
    String query = ex.getRequestURI().getRawQuery();
    String key = query == null ? path : path + "?" + query;
    int n = requests.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
    Route route = routes.get(path);
    completed.put(key, false);
    try (ex) {
      if (route == null) {
        ex.sendResponseHeaders(404, -1);
        return;
      }
      route.answer(ex, n, new Body(key, ex.getResponseBody()));
      completed.put(key, true);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (IOException e) {
      // the client went away (a cancelled body): not an error of the server
    }
  }

  // ---- routes -------------------------------------------------------------------------------

  /** 200 with a Content-Length. */
  public static Route bytes(byte[] data) {
    return (ex, n, body) -> {
      ex.sendResponseHeaders(200, data.length == 0 ? -1 : data.length);
      body.write(data, 0, data.length);
    };
  }

  /** 200 with chunked transfer encoding (no Content-Length), in pieces of {@code piece} bytes. */
  public static Route chunked(byte[] data, int piece) {
    return (ex, n, body) -> {
      ex.sendResponseHeaders(200, 0);
      for (int off = 0; off < data.length; off += piece) {
        body.write(data, off, Math.min(piece, data.length - off));
      }
    };
  }

  /** 200, chunked, {@code total} bytes of zeros written in 64 KiB pieces (a body too big to read). */
  public static Route endless(long total) {
    return zeros(total, false);
  }

  /** As {@link #endless} but with the length declared in Content-Length. */
  public static Route declared(long total) {
    return zeros(total, true);
  }

  private static Route zeros(long total, boolean declare) {
    return (ex, n, body) -> {
      ex.sendResponseHeaders(200, declare ? total : 0);
      byte[] piece = new byte[64 * 1024];
      for (long left = total; left > 0; left -= piece.length) {
        body.write(piece, 0, (int) Math.min(piece.length, left));
      }
    };
  }

  /** A status with no body and the given headers (name, value, name, value ...). */
  public static Route status(int code, String... headers) {
    return (ex, n, body) -> {
      for (int i = 0; i < headers.length; i += 2) {
        ex.getResponseHeaders().add(headers[i], headers[i + 1]);
      }
      ex.sendResponseHeaders(code, -1);
    };
  }

  /**
   * Honours {@code Range: bytes=A-B} as a CDN does: 206 with Content-Range, 416 when A is past the
   * end; without a Range header, 200 with the whole body.
   */
  public static Route ranged(byte[] data) {
    return (ex, n, body) -> {
      String range = ex.getRequestHeaders().getFirst("Range");
      java.util.regex.Matcher m = range == null ? null
          : java.util.regex.Pattern.compile("bytes=(\\d+)-(\\d*)").matcher(range);
      if (m == null || !m.matches()) {
        bytes(data).answer(ex, n, body);
        return;
      }
      long from = Long.parseLong(m.group(1));
      long to = m.group(2).isEmpty() ? data.length - 1 : Math.min(Long.parseLong(m.group(2)), data.length - 1);
      if (from >= data.length) {
        status(416, "Content-Range", "bytes */" + data.length).answer(ex, n, body);
        return;
      }
      ex.getResponseHeaders().add("Content-Range", "bytes " + from + "-" + to + "/" + data.length);
      ex.sendResponseHeaders(206, to - from + 1);
      body.write(data, (int) from, (int) (to - from + 1));
    };
  }

  /** The first {@code failures} requests get {@code first}, later ones {@code then}. */
  public static Route firstThen(int failures, Route first, Route then) {
    return (ex, n, body) -> (n <= failures ? first : then).answer(ex, n, body);
  }

  /** A redirect with the given status to {@code location} (taken literally, may be relative). */
  public static Route redirect(int code, String location) {
    return status(code, "Location", location);
  }

  /** Headers and {@code before} bytes of a declared longer body, then silence until closed. */
  public static Route stallAfter(byte[] data, int before) {
    return (ex, n, body) -> {
      ex.sendResponseHeaders(200, data.length);
      body.write(data, 0, before);
      body.stall();
    };
  }

  /** No answer at all (not even headers) until the server is closed. */
  public static Route silent() {
    return (ex, n, body) -> body.stall();
  }

  /** Declares the whole length but sends only {@code sent} bytes, then closes the connection. */
  public static Route cutShort(byte[] data, int sent) {
    return (ex, n, body) -> {
      ex.sendResponseHeaders(200, data.length);
      body.write(data, 0, sent);
      throw new IOException("cut short on purpose");
    };
  }

  @Override
  public void close() {
    released.countDown();
    server.stop(0);
    threads.shutdownNow();
  }

  /** A self-signed certificate for 127.0.0.1, made once per folder with the JDK's keytool. */
  private static final class Tls {
    private static final char[] PASSWORD = "test-only".toCharArray();

    static SSLContext server(Path dir) throws Exception {
      KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      kmf.init(keyStore(dir), PASSWORD);
      SSLContext ctx = SSLContext.getInstance("TLS");
      ctx.init(kmf.getKeyManagers(), null, null);
      return ctx;
    }

    static SSLContext client(Path dir) throws Exception {
      TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      tmf.init(keyStore(dir));
      SSLContext ctx = SSLContext.getInstance("TLS");
      ctx.init(null, tmf.getTrustManagers(), null);
      return ctx;
    }

    private static synchronized KeyStore keyStore(Path dir) throws Exception {
      Path file = dir.resolve("localhost.p12");
      if (!Files.exists(file)) {
        Files.createDirectories(dir);
        Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        Process p = new ProcessBuilder(List.of(keytool.toString(), "-genkeypair", "-alias", "server",
            "-keyalg", "RSA", "-keysize", "2048", "-validity", "2", "-dname", "CN=127.0.0.1",
            "-ext", "SAN=ip:127.0.0.1", "-storetype", "PKCS12", "-keystore", file.toString(),
            "-storepass", new String(PASSWORD), "-keypass", new String(PASSWORD)))
            .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
          throw new IOException("keytool failed: " + out);
        }
      }
      KeyStore ks = KeyStore.getInstance("PKCS12");
      try (var in = Files.newInputStream(file)) {
        ks.load(in, PASSWORD);
      }
      return ks;
    }
  }
}
