package io.upscaler.job.stats;

import java.io.Serializable;
import java.util.function.Function;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;

/**
 * One column of the statistics table, declared once in {@link StatsColumns}: its name, its Spark
 * type, the Java type a {@link StatsRecord} holds for it, and how that value becomes the table's
 * value. The schema and every row are derived from these declarations, so they can't drift.
 *
 * <p>Immutable and serializable (records travel inside tasks).
 *
 * @param <T> the Java type held in a {@link StatsRecord}
 */
public final class StatsColumn<T> implements Serializable {
  private static final long serialVersionUID = 1L;

  private final String name;
  private final DataType type;
  private final int index;
  private final SqlValue<T> toSql;
  private final T initial;

  /** How a held value becomes the table's value (never called with null). */
  @FunctionalInterface
  public interface SqlValue<T> extends Function<T, Object>, Serializable {}

  StatsColumn(String name, DataType type, int index, SqlValue<T> toSql, T initial) {
    this.name = name;
    this.type = type;
    this.index = index;
    this.toSql = toSql;
    this.initial = initial;
  }

  public String name() {
    return name;
  }

  public DataType type() {
    return type;
  }

  /** Position in the table (and in a record's values). */
  public int index() {
    return index;
  }

  /** What a new record holds: null (an SQL null) unless the column counts from zero. */
  T initial() {
    return initial;
  }

  /** The table's value of a held value; null stays null (an SQL null). */
  @SuppressWarnings("unchecked")
  Object sql(Object held) {
    return held == null ? null : toSql.apply((T) held);
  }

  @Override
  public String toString() {
    return name + " " + type.simpleString();
  }

  /** Declares columns in order; each declaration takes the next index. */
  static final class Table {
    private final java.util.List<StatsColumn<?>> columns = new java.util.ArrayList<>();

    private <T> StatsColumn<T> add(String name, DataType type, SqlValue<T> toSql, T initial) {
      StatsColumn<T> c = new StatsColumn<>(name, type, columns.size(), toSql, initial);
      columns.add(c);
      return c;
    }

    StatsColumn<String> string(String name) {
      return add(name, DataTypes.StringType, v -> v, null);
    }

    StatsColumn<Integer> integer(String name) {
      return add(name, DataTypes.IntegerType, v -> v, null);
    }

    StatsColumn<Long> longValue(String name) {
      return add(name, DataTypes.LongType, v -> v, null);
    }

    StatsColumn<Double> decimal(String name) {
      return add(name, DataTypes.DoubleType, v -> v, null);
    }

    StatsColumn<Boolean> flag(String name) {
      return add(name, DataTypes.BooleanType, v -> v, null);
    }

    StatsColumn<java.sql.Timestamp> timestamp(String name) {
      return add(name, DataTypes.TimestampType, v -> v, null);
    }

    /** A duration held in nanoseconds and written in whole milliseconds. */
    StatsColumn<Long> millis(String name) {
      return add(name, DataTypes.LongType, nanos -> nanos / 1_000_000, 0L);
    }

    /**
     * A thread's CPU time held in nanoseconds and written as milliseconds with three decimals
     * (a small image's stages take well under a millisecond of CPU).
     */
    StatsColumn<Long> cpuMillis(String name) {
      return add(name, DataTypes.DoubleType, nanos -> nanos / 1000 / 1000.0, 0L);
    }

    /** An enum held as its constant and written as its name. */
    <E extends Enum<E>> StatsColumn<E> named(String name) {
      return add(name, DataTypes.StringType, Enum::name, null);
    }

    /** A count that starts at zero (never null). */
    StatsColumn<Integer> count(String name) {
      return add(name, DataTypes.IntegerType, v -> v, 0);
    }

    /** A yes/no that starts as no (never null). */
    StatsColumn<Boolean> yesNo(String name) {
      return add(name, DataTypes.BooleanType, v -> v, false);
    }

    java.util.List<StatsColumn<?>> all() {
      return java.util.List.copyOf(columns);
    }
  }
}
