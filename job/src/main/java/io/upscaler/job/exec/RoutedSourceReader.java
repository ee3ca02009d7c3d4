package io.upscaler.job.exec;

import io.upscaler.core.UpscaleException;
import io.upscaler.job.source.HttpSettings;
import io.upscaler.job.source.HttpSource;

/**
 * Routes each read by the URI's scheme: {@code http://} and {@code https://} to the JVM's shared
 * {@link HttpSource} (one GET per attempt, the body streamed under the byte limit, redirects,
 * Retry-After and retries bounded by {@link HttpSettings}), anything else to {@link HadoopFiles}.
 * The HTTP client is looked up per read (a map lookup), so this object holds no connection pool of
 * its own and needs no closing.
 */
final class RoutedSourceReader implements SourceReader {
  private final HadoopFiles files;
  private final HttpSettings http;

  RoutedSourceReader(HadoopFiles files, HttpSettings http) {
    this.files = files;
    this.http = http;
  }

  @Override
  public HadoopFiles.Read readAll(String uri, long maxBytes) throws UpscaleException {
    if (!HttpSource.handles(uri)) {
      return files.readAll(uri, maxBytes);
    }
    HttpSource.Fetched<byte[]> f = HttpSource.shared(http).readAll(uri, maxBytes);
    return new HadoopFiles.Read(f.value(), f.value().length, f.retries());
  }

  /**
   * For URLs one GET asking for the range {@code 0..n-1}: a server that honours ranges sends only
   * those bytes; one that ignores them has its body cancelled after {@code n} bytes.
   */
  @Override
  public HadoopFiles.Read readPrefix(String uri, int n) throws UpscaleException {
    if (!HttpSource.handles(uri)) {
      return files.readPrefix(uri, n);
    }
    HttpSource.Fetched<HttpSource.Head> f = HttpSource.shared(http).readHead(uri, n);
    return new HadoopFiles.Read(f.value().bytes(), f.value().length(), f.retries());
  }
}
