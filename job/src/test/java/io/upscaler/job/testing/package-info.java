/**
 * Test support for the job's three test layers.
 *
 * <ul>
 *   <li>Spark tests on one shared local session: {@link io.upscaler.job.testing.TestSpark#session()},
 *       with spark-testing-base's assertions in {@link io.upscaler.job.testing.DataFrameAssertions}.
 *   <li>End-to-end tests ({@code *IT}, run by failsafe in {@code verify}, after {@code package}):
 *       the shaded application jar ({@link io.upscaler.job.testing.E2eFiles#appJar()}) submitted
 *       to a real standalone cluster ({@link io.upscaler.job.testing.StandaloneCluster}) or in local
 *       mode ({@link io.upscaler.job.testing.LocalSubmit}), reading and writing {@code s3a://} on a
 *       real S3 server ({@link io.upscaler.job.testing.S3Server}). {@link
 *       io.upscaler.job.testing.E2eExtension} shares one server and one cluster across all ITs.
 *       {@link io.upscaler.job.testing.S3Traffic} puts a counting, fault-injecting proxy in front of
 *       that server: requests by kind and key ({@link io.upscaler.job.testing.S3Requests}), and
 *       403/404/500/503 answers for chosen keys.
 * </ul>
 *
 * <p>Every child process is started from this package, waited for with a bound, and stopped by PID;
 * every file stays under {@code target/}. The {@code smoke} sub-package is a Spark application used
 * by the smoke IT, packaged alone as the {@code -smoke} jar.
 */
package io.upscaler.job.testing;
