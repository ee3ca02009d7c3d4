package io.upscaler.scripts;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs the project's shell scripts from tests (the working folder of a module's tests is the module). */
final class Scripts {
  private Scripts() {}

  /** What a script printed and how it ended. */
  record Result(int exitCode, String out, String err) {}

  /** The repository root: the parent of the module the tests run in. */
  static Path root() {
    Path here = Path.of("").toAbsolutePath();
    return Files.isDirectory(here.resolve("submit-scripts")) ? here : here.getParent();
  }

  /** Runs {@code bash script args...} from the repository root, bounded by {@code seconds}. */
  static Result run(String script, Map<String, String> env, long seconds, String... args)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of("bash", root().resolve(script).toString()));
    command.addAll(List.of(args));
    Path out = Files.createTempFile("script", ".out");
    Path err = Files.createTempFile("script", ".err");
    ProcessBuilder pb = new ProcessBuilder(command).directory(root().toFile())
        .redirectOutput(out.toFile()).redirectError(err.toFile());
    pb.environment().putAll(env);
    Process p = pb.start();
    if (!p.waitFor(seconds, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError(script + " did not finish in " + seconds + " s");
    }
    return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
        Files.readString(err, StandardCharsets.UTF_8));
  }
}
