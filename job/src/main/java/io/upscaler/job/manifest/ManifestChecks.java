package io.upscaler.job.manifest;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.trim;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;

/**
 * Manifest checks that stop the run: values that don't parse as their column's type, content
 * that is not base64, and duplicate ids. Each throws a {@link ManifestException} naming the column
 * and example rows (by id, else uri).
 */
final class ManifestChecks {
  private ManifestChecks() {}

  static void validate(Dataset<Row> raw, Dataset<Row> normal) {
    List<String> names = Arrays.asList(raw.columns());
    Column label = rowLabel(names);
    for (Columns.Override o : Columns.TYPED) {
      if (names.contains(o.name())
          && raw.schema().apply(o.name()).dataType().equals(DataTypes.StringType)
          && !o.type().equals(DataTypes.StringType)) {
        Column text = trim(col(o.name()));
        List<String> bad =
            strings(
                raw.where(text.isNotNull().and(text.notEqual("")).and(text.cast(o.type()).isNull()))
                    .select(label, text));
        if (!bad.isEmpty()) {
          throw new ManifestException(
              "column '" + o.name() + "' must hold " + o.type().simpleString()
                  + " values; these rows don't: " + ManifestReader.examples(bad));
        }
      }
    }
    checkBase64(raw, names, label);
    checkDuplicates(normal);
  }

  private static void checkBase64(Dataset<Row> raw, List<String> names, Column label) {
    if (!names.contains(Columns.CONTENT)
        || !raw.schema().apply(Columns.CONTENT).dataType().equals(DataTypes.StringType)) {
      return;
    }
    Column text = col(Columns.CONTENT);
    List<String> bad =
        strings(
            raw.where(text.isNotNull().and(text.rlike("^[A-Za-z0-9+/\\s]*={0,2}\\s*$").unary_$bang()))
                .select(label, lit("not base64")));
    if (!bad.isEmpty()) {
      throw new ManifestException(
          "column 'content' holds text that is not base64; rows: " + ManifestReader.examples(bad));
    }
  }

  private static void checkDuplicates(Dataset<Row> normal) {
    Column id = col(Columns.ID);
    List<Row> dups =
        normal.where(id.isNotNull().and(id.notEqual("")))
            .groupBy(id)
            .agg(count(lit(1)).as("n"))
            .where(col("n").gt(1))
            .orderBy(col("n").desc(), id)
            .limit(20)
            .collectAsList();
    if (!dups.isEmpty()) {
      List<String> shown = new ArrayList<>();
      for (Row r : dups) {
        shown.add("'" + r.getString(0) + "' (" + r.getLong(1) + " rows)");
      }
      throw new ManifestException(
          "ids must be unique; duplicated: " + String.join(", ", shown)
              + (dups.size() == 20 ? ", ..." : ""));
    }
  }

  private static Column rowLabel(List<String> names) {
    List<Column> parts = new ArrayList<>();
    if (names.contains(Columns.ID)) {
      parts.add(col(Columns.ID).cast(DataTypes.StringType));
    }
    if (names.contains(Columns.URI)) {
      parts.add(col(Columns.URI));
    }
    parts.add(lit("(no id)"));
    return coalesce(parts.toArray(new Column[0]));
  }

  private static List<String> strings(Dataset<Row> rows) {
    List<String> out = new ArrayList<>();
    for (Row r : rows.limit(11).collectAsList()) {
      out.add(r.getString(0) + " ('" + r.get(1) + "')");
    }
    return out;
  }
}
