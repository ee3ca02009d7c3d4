package io.upscaler.job.testing;

import com.holdenkarau.spark.testing.JavaDataFrameSuiteBase;
import com.holdenkarau.spark.testing.JavaRDDComparisons;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * spark-testing-base's DataFrame and RDD assertions as static methods for JUnit 5 tests. Its suite
 * classes rely on JUnit 4 lifecycle annotations that Jupiter ignores, so rather than being extended
 * one instance is held here and only its assertions are used; they run on the DataFrames' own
 * session ({@link TestSpark#session()}). A failed assertion throws {@link AssertionError}.
 */
public final class DataFrameAssertions {
  private static final JavaDataFrameSuiteBase BASE = new JavaDataFrameSuiteBase();

  private DataFrameAssertions() {}

  /** Same schema and the same rows in the same order. */
  public static void assertDataFrameEquals(Dataset<Row> expected, Dataset<Row> actual) {
    BASE.assertDataFrameEquals(expected, actual, BASE.assertDataFrameEquals$default$3());
  }

  /** Same schema and the same rows, in any order. */
  public static void assertDataFrameNoOrderEquals(Dataset<Row> expected, Dataset<Row> actual) {
    BASE.assertDataFrameNoOrderEquals(expected, actual);
  }

  /** Same schema and rows in order, numbers equal within {@code tolerance}. */
  public static void assertDataFrameApproximateEquals(Dataset<Row> expected, Dataset<Row> actual,
      double tolerance) {
    BASE.assertDataFrameApproximateEquals(expected, actual, tolerance);
  }

  /** Same elements with the same multiplicities, in any order. */
  public static <T> void assertRDDEquals(JavaRDD<T> expected, JavaRDD<T> actual) {
    JavaRDDComparisons.assertRDDEquals(expected, actual);
  }
}
