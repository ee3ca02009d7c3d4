package io.upscaler.job.exec;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

/**
 * CPU time of the calling thread, for the statistics' *_cpu_ms columns: on a shared machine a
 * stage's wall time includes waiting for a core, its CPU time doesn't. About a microsecond a call.
 */
final class ThreadCpu {
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
  private static final boolean SUPPORTED = THREADS.isCurrentThreadCpuTimeSupported();

  private ThreadCpu() {}

  /** Nanoseconds of CPU this thread has used; 0 where the JVM can't tell (the columns stay 0). */
  static long nanos() {
    return SUPPORTED ? THREADS.getCurrentThreadCpuTime() : 0L;
  }
}
