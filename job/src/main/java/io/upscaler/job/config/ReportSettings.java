package io.upscaler.job.config;

import java.io.Serializable;

/**
 * The settings of a run's bill, progress lines and report (see {@link Settings}). Part of
 * {@link JobConfig}; the price table itself is read once on the driver, never on executors.
 *
 * @param pricePerHour USD per hour of one priced device, or null
 * @param instance instance type priced from the price table, or null
 * @param priceTable the price table file, or null for the default
 * @param progressEvery seconds between progress lines
 * @param reportSamples before/after pairs in the report's gallery
 */
public record ReportSettings(
    Double pricePerHour, String instance, String priceTable, int progressEvery, int reportSamples)
    implements Serializable {}
