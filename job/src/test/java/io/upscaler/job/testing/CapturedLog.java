package io.upscaler.job.testing;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.Logger;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Property;

/**
 * The log lines one class writes while a test runs (Spark's log4j2 backend), with the thread that
 * wrote each. {@link #close()} detaches it. Thread-safe.
 */
public final class CapturedLog implements AutoCloseable {
  private static final AtomicInteger NAMES = new AtomicInteger();

  /** A logged message and the thread that logged it. */
  public record Line(String thread, String message) {}

  private final List<Line> lines = Collections.synchronizedList(new ArrayList<>());
  private final Logger logger;
  private final AbstractAppender appender;

  private CapturedLog(Class<?> source) {
    this.logger = (Logger) LogManager.getLogger(source);
    this.appender = new AbstractAppender("captured-" + NAMES.incrementAndGet(), null, null, true,
        Property.EMPTY_ARRAY) {
      @Override
      public void append(LogEvent event) {
        lines.add(new Line(event.getThreadName(), event.getMessage().getFormattedMessage()));
      }
    };
    appender.start();
    logger.addAppender(appender);
  }

  /** Starts capturing what {@code source}'s logger writes (at the levels it is enabled for). */
  public static CapturedLog of(Class<?> source) {
    return new CapturedLog(source);
  }

  public List<Line> lines() {
    synchronized (lines) {
      return List.copyOf(lines);
    }
  }

  @Override
  public void close() {
    logger.removeAppender(appender);
    appender.stop();
  }
}
