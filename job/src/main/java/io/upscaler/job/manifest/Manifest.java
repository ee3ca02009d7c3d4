package io.upscaler.job.manifest;

import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructField;

/**
 * A validated manifest in normal form: columns {@code id} (unique, non-null), {@code uri},
 * {@code content} (binary), the typed overrides and hints of {@link Columns#TYPED}, then the
 * pass-through columns in their original types. Read columns by name: see {@code
 * plan.WorkItemReader}.
 *
 * @param rows the rows; persisted when parsed from text (CSV, JSON), where reading again costs a
 *     whole parse
 * @param passThrough the pass-through columns, in order
 * @param kind how the input was read: parquet, csv, json or images
 * @param count the number of rows
 * @param given the columns the job understands that the input itself has (the normal form has
 *     them all, null where not given)
 */
public record Manifest(
    Dataset<Row> rows, List<StructField> passThrough, String kind, long count, List<String> given) {}
