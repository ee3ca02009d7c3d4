package io.upscaler.job.testing;

import static org.junit.jupiter.api.Assertions.assertThrows;

import com.holdenkarau.spark.testing.JavaDataFrameSuiteBase;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

/** spark-testing-base's assertions work from JUnit 5, held as a field, on the shared session. */
class DataFrameAssertionsTest {
  private static final StructType SCHEMA = new StructType()
      .add("id", DataTypes.StringType)
      .add("width", DataTypes.IntegerType)
      .add("ms", DataTypes.DoubleType);

  private final JavaDataFrameSuiteBase base = new JavaDataFrameSuiteBase();

  @Test
  void equalFramesPassInAnyOrderAndDifferentFramesFail() {
    Dataset<Row> expected = frame(RowFactory.create("a", 2, 1.0), RowFactory.create("b", 4, 2.0));
    Dataset<Row> reordered = frame(RowFactory.create("b", 4, 2.0), RowFactory.create("a", 2, 1.0));
    Dataset<Row> different = frame(RowFactory.create("a", 2, 1.0), RowFactory.create("b", 5, 2.0));

    base.assertDataFrameNoOrderEquals(expected, reordered);
    assertThrows(AssertionError.class, () -> base.assertDataFrameNoOrderEquals(expected, different));
  }

  @Test
  void staticHelpersCompareOrderAndTolerance() {
    Dataset<Row> expected = frame(RowFactory.create("a", 2, 1.0), RowFactory.create("b", 4, 2.0));
    Dataset<Row> close = frame(RowFactory.create("a", 2, 1.001), RowFactory.create("b", 4, 2.0));
    Dataset<Row> reordered = frame(RowFactory.create("b", 4, 2.0), RowFactory.create("a", 2, 1.0));

    DataFrameAssertions.assertDataFrameEquals(expected, frame(RowFactory.create("a", 2, 1.0),
        RowFactory.create("b", 4, 2.0)));
    DataFrameAssertions.assertDataFrameApproximateEquals(expected, close, 0.01);
    assertThrows(AssertionError.class, () -> DataFrameAssertions.assertDataFrameEquals(expected, reordered));
    assertThrows(AssertionError.class,
        () -> DataFrameAssertions.assertDataFrameApproximateEquals(expected, close, 1e-6));
    DataFrameAssertions.assertRDDEquals(expected.toJavaRDD(), reordered.toJavaRDD());
  }

  private static Dataset<Row> frame(Row... rows) {
    return TestSpark.session().createDataFrame(List.of(rows), SCHEMA).coalesce(1);
  }
}
