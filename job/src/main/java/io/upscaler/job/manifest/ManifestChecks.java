package io.upscaler.job.manifest;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.trim;
import static org.apache.spark.sql.functions.when;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;

/**
 * Manifest checks that stop the run: values that don't parse as their column's type, content
 * that is not base64, and duplicate ids. Each throws a {@link ManifestException} naming the column
 * and example rows (by id, else uri). A valid manifest costs at most two queries, whatever its
 * columns: one over the text values (only when some need parsing) and one that counts rows and
 * ids; none when the driver listed the rows itself ({@link #checkKnownIds}).
 */
final class ManifestChecks {
  private static final int SHOWN = 20;
  /** Manifests up to this many rows are counted from their ids on the driver (~1 MB). */
  static final int SMALL = 10_000;

  private ManifestChecks() {}

  /** Checks the manifest and returns its row count. */
  static long validate(Dataset<Row> raw, Dataset<Row> normal) {
    checkValues(raw);
    return countCheckingIds(normal);
  }

  /**
   * A manifest whose every row's id the driver already holds (a listing it walked, typed by
   * construction, so no value needs parsing): checks the ids without a query and returns the row
   * count. Only duplicates cost a query, to list them.
   */
  static long checkKnownIds(List<String> ids, Dataset<Row> normal) {
    checkUnique(ids, normal);
    return ids.size();
  }

  private static void checkUnique(List<String> ids, Dataset<Row> normal) {
    Set<String> seen = new HashSet<>();
    for (String id : ids) {
      if (id != null && !id.isEmpty() && !seen.add(id)) {
        throw new ManifestException("ids must be unique; duplicated: " + duplicates(normal));
      }
    }
  }

  /** Every text value that must parse (typed columns read as text, base64 content), in one query. */
  private static void checkValues(Dataset<Row> raw) {
    Map<String, Column> bad = badValueTests(raw);
    if (bad.isEmpty()) {
      return;
    }
    List<Column> select = new ArrayList<>(List.of(rowLabel(Arrays.asList(raw.columns()))));
    bad.forEach((name, test) -> {
      select.add(test.as("bad " + name));
      select.add(col(name).cast(DataTypes.StringType));
    });
    List<Row> rows = raw.where(bad.values().stream().reduce(Column::or).orElseThrow())
        .select(select.toArray(new Column[0])).limit(11).collectAsList();
    int i = 0;
    for (String name : bad.keySet()) {
      List<String> examples = new ArrayList<>();
      for (Row r : rows) {
        if (r.getBoolean(1 + 2 * i)) {
          examples.add(r.getString(0) + " ('" + (name.equals(Columns.CONTENT) ? "not base64" : r.get(2 + 2 * i)) + "')");
        }
      }
      if (!examples.isEmpty()) {
        throw new ManifestException(name.equals(Columns.CONTENT)
            ? "column 'content' holds text that is not base64; rows: " + ManifestReader.examples(examples)
            : "column '" + name + "' must hold " + type(name) + " values; these rows don't: "
                + ManifestReader.examples(examples));
      }
      i++;
    }
  }

  /** Column → a test that is true on a row whose value of that column can't be used. */
  private static Map<String, Column> badValueTests(Dataset<Row> raw) {
    List<String> names = Arrays.asList(raw.columns());
    Map<String, Column> tests = new LinkedHashMap<>();
    for (Columns.Override o : Columns.TYPED) {
      if (names.contains(o.name())
          && raw.schema().apply(o.name()).dataType().equals(DataTypes.StringType)
          && !o.type().equals(DataTypes.StringType)) {
        Column text = trim(col(o.name()));
        tests.put(o.name(),
            coalesce(text.isNotNull().and(text.notEqual("")).and(text.cast(o.type()).isNull()), lit(false)));
      }
    }
    if (names.contains(Columns.CONTENT)
        && raw.schema().apply(Columns.CONTENT).dataType().equals(DataTypes.StringType)) {
      Column text = col(Columns.CONTENT);
      tests.put(Columns.CONTENT,
          coalesce(text.isNotNull().and(text.rlike("^[A-Za-z0-9+/\\s]*={0,2}\\s*$").unary_$bang()), lit(false)));
    }
    return tests;
  }

  private static String type(String column) {
    return Columns.TYPED.stream().filter(o -> o.name().equals(column)).findFirst().orElseThrow()
        .type().simpleString();
  }

  /**
   * Rows, and ids held by more than one row. A manifest of at most {@value #SMALL} rows is counted
   * on the driver from its ids (one query, no shuffle); a larger one in one aggregation. Only when
   * there are duplicates does another query list them.
   */
  private static long countCheckingIds(Dataset<Row> normal) {
    List<Row> ids = normal.select(col(Columns.ID)).limit(SMALL + 1).collectAsList();
    if (ids.size() <= SMALL) {
      checkUnique(ids.stream().map(r -> r.getString(0)).toList(), normal);
      return ids.size();
    }
    Column id = col(Columns.ID);
    Row t = normal.groupBy(id).agg(count(lit(1)).as("n"))
        .agg(sum(col("n")), sum(when(id.isNotNull().and(id.notEqual("")).and(col("n").gt(1)), 1)))
        .first();
    long rows = t.isNullAt(0) ? 0 : t.getLong(0);
    if (!t.isNullAt(1) && t.getLong(1) > 0) {
      throw new ManifestException("ids must be unique; duplicated: " + duplicates(normal));
    }
    return rows;
  }

  private static String duplicates(Dataset<Row> normal) {
    Column id = col(Columns.ID);
    List<Row> dups =
        normal.where(id.isNotNull().and(id.notEqual("")))
            .groupBy(id)
            .agg(count(lit(1)).as("n"))
            .where(col("n").gt(1))
            .orderBy(col("n").desc(), id)
            .limit(SHOWN)
            .collectAsList();
    List<String> shown = new ArrayList<>();
    for (Row r : dups) {
      shown.add("'" + r.getString(0) + "' (" + r.getLong(1) + " rows)");
    }
    return String.join(", ", shown) + (dups.size() == SHOWN ? ", ..." : "");
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
}
