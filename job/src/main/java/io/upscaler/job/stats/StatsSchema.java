package io.upscaler.job.stats;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.Metadata;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * The statistics table: the {@link StatsColumns} columns, then the manifest's pass-through
 * columns (a pass-through column whose name is taken by a fixed one is written as {@code
 * manifest_<name>}). Partitioned by {@code run_id} on disk.
 */
public final class StatsSchema {
  private StatsSchema() {}

  /** Fixed columns plus the pass-through columns (renamed where they collide). */
  public static StructType schema(List<StructField> passThrough) {
    List<StructField> all = new ArrayList<>();
    Set<String> taken = new HashSet<>();
    for (StatsColumn<?> c : StatsColumns.ALL) {
      all.add(new StructField(c.name(), c.type(), true, Metadata.empty()));
      taken.add(c.name());
    }
    for (StructField f : passThrough) {
      String name = taken.contains(f.name()) ? "manifest_" + f.name() : f.name();
      all.add(new StructField(name, f.dataType(), true, f.metadata()));
      taken.add(name);
    }
    return new StructType(all.toArray(new StructField[0]));
  }

  /** The row of one record; {@code passThrough} holds the manifest's extra values in order. */
  public static Row row(StatsRecord r, Object[] passThrough) {
    int fixed = StatsColumns.ALL.size();
    Object[] v = new Object[fixed + passThrough.length];
    r.sqlValues(v);
    System.arraycopy(passThrough, 0, v, fixed, passThrough.length);
    return RowFactory.create(v);
  }
}
