package io.upscaler.job.source;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A response body as an {@link InputStream} whose every read waits at most the read timeout for
 * the server's next bytes (the JDK client's own request timeout stops at the headers). Pulls one
 * chunk ahead of the reader, so memory stays at about two network buffers whatever the body's
 * size; {@link #close()} before the end cancels the transfer (the connection is dropped, not
 * drained).
 *
 * <p>Read by one thread; the client's threads deliver chunks.
 */
final class BodyStream extends InputStream implements HttpResponse.BodySubscriber<BodyStream> {
  private static final Object END = new Object();

  private final BlockingQueue<Object> arrived = new LinkedBlockingQueue<>();
  private final long timeoutNanos;
  private volatile Flow.Subscription subscription;
  private Iterator<ByteBuffer> chunk = List.<ByteBuffer>of().iterator();
  private ByteBuffer buffer = ByteBuffer.allocate(0);
  private boolean ended;
  private boolean closed;

  BodyStream(Duration readTimeout) {
    this.timeoutNanos = readTimeout.toNanos();
  }

  @Override
  public void onSubscribe(Flow.Subscription s) {
    subscription = s;
    s.request(1);
  }

  @Override
  public void onNext(List<ByteBuffer> item) {
    arrived.add(item);
  }

  @Override
  public void onError(Throwable t) {
    arrived.add(t);
  }

  @Override
  public void onComplete() {
    arrived.add(END);
  }

  @Override
  public CompletionStage<BodyStream> getBody() {
    return CompletableFuture.completedFuture(this);
  }

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    if (len == 0) {
      return 0;
    }
    if (!fill()) {
      return -1;
    }
    int n = Math.min(len, buffer.remaining());
    buffer.get(b, off, n);
    return n;
  }

  /** Makes {@link #buffer} non-empty; false at the end of the body. */
  private boolean fill() throws IOException {
    if (closed) {
      throw new IOException("the body stream is closed");
    }
    while (!buffer.hasRemaining()) {
      if (chunk.hasNext()) {
        buffer = chunk.next();
      } else if (ended) {
        return false;
      } else {
        next();
      }
    }
    return true;
  }

  /** Waits for the next delivery, asking for the one after it at once. */
  @SuppressWarnings("unchecked")
  private void next() throws IOException {
    Object item;
    try {
      item = arrived.poll(timeoutNanos, TimeUnit.NANOSECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while reading the body");
    }
    if (item == null) {
      throw new HttpTimeoutException(
          "no body bytes for " + Duration.ofNanos(timeoutNanos).toMillis() + " ms (read timeout)");
    }
    if (item == END) {
      ended = true;
    } else if (item instanceof Throwable t) {
      ended = true;
      throw t instanceof IOException io ? io : new IOException(t.toString(), t);
    } else {
      chunk = ((List<ByteBuffer>) item).iterator();
      subscription.request(1);
    }
  }

  @Override
  public void close() {
    if (!closed) {
      closed = true;
      Flow.Subscription s = subscription;
      if (!ended && s != null) {
        s.cancel();
      }
      arrived.clear();
    }
  }
}
