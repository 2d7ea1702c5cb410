package org.glassplate.server.support;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The {@code java -jar glassplate.jar …} processes a test starts (the demo, a server, a second node),
 * each writing its output to a log of its own under {@code target/}, and all stopped (SIGTERM, then up to
 * 30 s) after each test, whatever it left running. Register it with {@code @RegisterExtension}.
 */
public final class JarProcesses implements AfterEachCallback {
  /** The packaged server, as {@code mvn verify} builds it before the integration tests. */
  public static final Path JAR = Path.of("target", "glassplate.jar").toAbsolutePath();
  /** The java of the running tests. */
  public static final String JAVA = ProcessHandle.current().info().command().orElse("java");

  private final String name;
  private final List<Process> started = new ArrayList<>();
  private final Map<Process, Path> logs = new HashMap<>();

  /** @param name the start of each process's log file name, e.g. {@code launcher-it} */
  public JarProcesses(String name) {
    this.name = name;
  }

  /** {@code java -Xmx512m -jar glassplate.jar ARGS…}, its output in {@code target/NAME-TAG-N.log}. */
  public Process start(String tag, List<String> args) throws IOException {
    List<String> cmd = new ArrayList<>(List.of(JAVA, "-Xmx512m", "-jar", JAR.toString()));
    cmd.addAll(args);
    Path log = Path.of("target", name + "-" + tag + "-" + System.nanoTime() + ".log");
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    started.add(p);
    logs.put(p, log);
    return p;
  }

  /** The demo on {@code port} with data directory {@code data}, then {@code more} options. */
  public Process demo(Path data, int port, String... more) throws IOException {
    List<String> args = new ArrayList<>(List.of("demo", "--port", Integer.toString(port), "--data", data.toString()));
    args.addAll(List.of(more));
    return start(Integer.toString(port), args);
  }

  /** Where {@code p}'s output goes. */
  public Path logOf(Process p) {
    return logs.get(p);
  }

  @Override
  public void afterEach(ExtensionContext context) throws Exception {
    for (Process p : started) {
      if (p.isAlive()) {
        p.destroy();
        p.waitFor(30, TimeUnit.SECONDS);
      }
    }
    started.clear();
    logs.clear();
  }
}
