package io.upscaler.job.testing;

import com.holdenkarau.spark.testing.SparkSessionProvider;
import java.nio.file.Path;
import org.apache.spark.sql.SparkSession;

/**
 * The one local[2] SparkSession of a test JVM, shared by every Spark test (starting one costs
 * ~2.5 s, the first job ~5 s; later sessions would cost little, but one is enough). Bound to
 * 127.0.0.1, no UI, 4 shuffle partitions, UTC, scratch files (Spark's default) under java.io.tmpdir (target/tmp in
 * Maven builds), WARN logs. It is also the session of spark-testing-base's assertions
 * ({@link DataFrameAssertions}, or a {@code JavaDataFrameSuiteBase} field).
 *
 * <p>Created on first use and stopped by Spark's own shutdown hook when the JVM exits: tests must
 * not stop it, and should not change its global settings (use {@code session.newSession()} for
 * session-scoped SQL settings).
 */
public final class TestSpark {
  private TestSpark() {}

  public static SparkSession session() {
    return Holder.SESSION;
  }

  /** Lazy, thread-safe initialisation by the class loader. */
  private static final class Holder {
    static final SparkSession SESSION = create();
  }

  private static SparkSession create() {
    Path tmp = Path.of(System.getProperty("java.io.tmpdir")).toAbsolutePath();
    SparkSession session = SparkSession.builder()
        .master("local[2]")
        .appName("upscaler-tests")
        .config("spark.driver.host", "127.0.0.1")
        .config("spark.driver.bindAddress", "127.0.0.1")
        .config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false")
        .config("spark.sql.shuffle.partitions", "4")
        .config("spark.sql.session.timeZone", "UTC")
        .config("spark.sql.warehouse.dir", tmp.resolve("spark-warehouse").toUri().toString())
        .getOrCreate();
    session.sparkContext().setLogLevel("WARN");
    // spark-testing-base's assertions build their failure report on this session; without it a
    // failed assertion is a NullPointerException instead of an AssertionError.
    SparkSessionProvider._sparkSession_$eq(session);
    return session;
  }
}
