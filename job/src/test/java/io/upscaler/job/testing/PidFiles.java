package io.upscaler.job.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One file per running child process under {@code target/e2e/pids/}: its PID, start time and the
 * PID of the test JVM that started it. Lets a later test JVM stop the children of one that was
 * killed before its shutdown hook could run, and nothing else.
 */
final class PidFiles {
  private static final Logger LOG = LoggerFactory.getLogger(PidFiles.class);

  private PidFiles() {}

  static void record(ProcessHandle child) {
    String line = ProcessHandle.current().pid() + " " + startOf(child).map(Instant::toString).orElse("?");
    try {
      Files.createDirectories(dir());
      Files.writeString(dir().resolve(String.valueOf(child.pid())), line);
    } catch (IOException e) {
      // Only the clean-up after a killed test JVM depends on it.
      LOG.warn("cannot record child process {}: {}", child.pid(), e.toString());
    }
  }

  static void forget(ProcessHandle child) {
    try {
      Files.deleteIfExists(dir().resolve(String.valueOf(child.pid())));
    } catch (IOException ignored) {
      // A stale file is checked against the process start time before anything is stopped.
    }
  }

  /** Stops recorded children whose test JVM is gone; forgets every record that is stale. */
  static void stopOrphans() {
    if (!Files.isDirectory(dir())) {
      return;
    }
    try (Stream<Path> files = Files.list(dir())) {
      files.forEach(PidFiles::stopIfOrphan);
    } catch (IOException e) {
      LOG.warn("cannot list {}: {}", dir(), e.toString());
    }
  }

  private static void stopIfOrphan(Path file) {
    try {
      List<String> fields = List.of(Files.readString(file).trim().split(" "));
      long owner = Long.parseLong(fields.get(0));
      if (ProcessHandle.of(owner).filter(ProcessHandle::isAlive).isPresent()) {
        return;
      }
      Optional<ProcessHandle> child = ProcessHandle.of(Long.parseLong(file.getFileName().toString()));
      child.filter(c -> c.isAlive() && startOf(c).map(Instant::toString).orElse("").equals(fields.get(1)))
          .ifPresent(c -> {
            LOG.warn("stopping child process {} left running by test JVM {}", c.pid(), owner);
            c.descendants().forEach(ProcessHandle::destroyForcibly);
            c.destroyForcibly();
          });
      Files.deleteIfExists(file);
    } catch (IOException | RuntimeException e) {
      LOG.warn("cannot check {}: {}", file, e.toString());
    }
  }

  private static Optional<Instant> startOf(ProcessHandle process) {
    return process.info().startInstant();
  }

  private static Path dir() {
    return E2eFiles.workDir().resolve("pids");
  }
}
