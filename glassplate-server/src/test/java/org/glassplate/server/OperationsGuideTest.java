package org.glassplate.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Enumeration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The operations guide ({@code docs/OPERATIONS.md}) and the systemd unit ({@code packaging/glassplate.service})
 * name only what exists (issue 18, item 5): every {@code ./glassplate} command line in the guide is a command
 * the launcher runs, with options its command parses; every {@code glassplate.*} setting is read by the
 * server, every Spring Boot setting is one Spring Boot knows, every metric is one the server records; and the
 * unit runs a real launcher command with its required hardening.
 *
 * <p>A command or option is known when the command's own source spells it as a string literal ({@code "--data"}):
 * the same literals its option parser accepts.
 */
class OperationsGuideTest {
  private static final Path ROOT = Path.of("").toAbsolutePath().getParent();
  private static final Path SERVER = ROOT.resolve("glassplate-server/src/main/java/org/glassplate/server");
  private static final Path LOG = ROOT.resolve("glassplate-log/src/main/java/org/glassplate/log");

  /** Each command of the guide, and the sources that parse its options. */
  private static final Map<String, List<Path>> COMMANDS = new LinkedHashMap<>();

  static {
    COMMANDS.put("help", List.of(SERVER.resolve("Launcher.java")));
    COMMANDS.put("demo", List.of(SERVER.resolve("Launcher.java")));
    COMMANDS.put("serve", List.of(SERVER.resolve("Launcher.java")));
    // the database options are the launcher's (Launcher.DATABASE_OPTIONS), shared with serve
    COMMANDS.put("self-audit", List.of(SERVER.resolve("SelfAuditCommand.java"), SERVER.resolve("Launcher.java")));
    COMMANDS.put("audit verify", List.of(LOG.resolve("verify/VerifyCommand.java")));
    COMMANDS.put("audit verify-export", List.of(LOG.resolve("verify/ExportVerifyCommand.java")));
    COMMANDS.put("audit rotate-key", List.of(SERVER.resolve("RotateKeyCommand.java"), SERVER.resolve("Launcher.java")));
    COMMANDS.put("witness", List.of(LOG.resolve("witness/WitnessCommand.java")));
    COMMANDS.put("import vendor-audit", List.of(SERVER.resolve("VendorAuditCommand.java")));
    COMMANDS.put("import reads", List.of(SERVER.resolve("ReadsImportCommand.java")));
    COMMANDS.put("backup", List.of(SERVER.resolve("BackupCommand.java")));
    COMMANDS.put("restore", List.of(SERVER.resolve("RestoreCommand.java")));
  }

  static String read(Path p) throws IOException {
    return Files.readString(p, StandardCharsets.UTF_8);
  }

  /** The {@code ./glassplate ...} command lines of a text: in code blocks and inline code, continuation lines joined. */
  static List<String> commandLines(String text) {
    String joined = text.replaceAll("\\\\\\n\\s*", " ");
    List<String> out = new ArrayList<>();
    Matcher m = Pattern.compile("\\./glassplate((?: [^`\\n|]*)?)").matcher(joined);
    while (m.find()) {
      out.add(("glassplate" + m.group(1)).strip().replaceAll("\\s+", " "));
    }
    return out;
  }

  /** The words of a command line before its first option or argument, matched against {@link #COMMANDS}. */
  static String command(String line) {
    String[] words = line.split("\\s+");
    String two = words.length > 2 ? words[1] + " " + words[2] : "";
    if (COMMANDS.containsKey(two)) {
      return two;
    }
    return words.length > 1 ? words[1] : "";
  }

  static Set<String> options(String line) {
    Set<String> out = new HashSet<>();
    Matcher m = Pattern.compile("(?<=\\s|\\[|\\()(--[a-z][a-z0-9-]*)").matcher(line);
    while (m.find()) {
      out.add(m.group(1));
    }
    return out;
  }

  /** Whether the launcher dispatches this command: a case of Launcher.main, or a branch of the ./glassplate script. */
  static boolean dispatched(String command) throws IOException {
    String launcher = read(SERVER.resolve("Launcher.java"));
    String script = read(ROOT.resolve("glassplate"));
    String[] words = command.split(" ");
    if (words.length == 2 && words[0].equals("audit")) {
      // a branch of the script (glassplate-log alone), or the server jar's audit command (Launcher's case "audit")
      return script.contains("\"$cmd\" == \"audit\" && \"${2:-}\" == \"" + words[1] + "\"")
          || launcher.contains("case \"audit\" -> System.exit(AuditCommand.run(")
          && read(SERVER.resolve("AuditCommand.java")).contains("args[0].equals(\"" + words[1] + "\")");
    }
    if (words.length == 2) {
      return launcher.contains("case \"" + words[0] + "\"") && launcher.contains("case \"" + words[1] + "\"");
    }
    return launcher.contains("case \"" + command + "\"") || launcher.contains(", \"" + command + "\" ->")
        || launcher.contains("args[0].equals(\"" + command + "\")")
        || script.contains("\"$cmd\" == \"" + command + "\"");
  }

  @Test
  void everyCommandLineOfTheGuideIsARealCommandWithRealOptions() throws IOException {
    String guide = read(ROOT.resolve("docs/OPERATIONS.md"));
    List<String> lines = commandLines(guide);
    assertThat(lines).as("the guide's command lines").hasSizeGreaterThan(10);
    List<String> wrong = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (String line : lines) {
      String command = command(line);
      if (!command.matches("[a-z][a-z -]*")) {
        continue; // the launcher named in prose ("every `./glassplate …` line"), not a command line
      }
      seen.add(command);
      List<Path> sources = COMMANDS.get(command);
      if (sources == null) {
        wrong.add("'" + line + "': no such command '" + command + "'");
        continue;
      }
      boolean present = sources.stream().allMatch(Files::isRegularFile);
      boolean dispatched = dispatched(command);
      if (!present || !dispatched) {
        wrong.add("'" + line + "': the launcher does not run '" + command + "'");
        continue;
      }
      StringBuilder code = new StringBuilder();
      for (Path p : sources) {
        code.append(read(p));
      }
      for (String option : options(line)) {
        if (!code.toString().contains("\"" + option + "\"")) {
          wrong.add("'" + line + "': " + command + " has no option " + option);
        }
      }
    }
    assertThat(wrong).isEmpty();
    assertThat(seen).contains("serve", "self-audit", "audit verify", "backup", "restore");
  }

  @Test
  void theCheckRecognisesAnInventedOptionOrCommand() {
    assertThat(command("glassplate audit verify https://x --trusted-checkpoint f")).isEqualTo("audit verify");
    assertThat(options("glassplate serve --data DIR [--db-owner-user O]")).containsExactlyInAnyOrder("--data", "--db-owner-user");
    assertThat(commandLines("run `./glassplate serve --port 8080` then\n```\n./glassplate self-audit \\\n  --data D\n```"))
        .containsExactly("glassplate serve --port 8080", "glassplate self-audit --data D");
    assertThat(COMMANDS).doesNotContainKey("frobnicate");
  }

  /** Every glassplate.* key the server reads: literal keys, and the fields of its @ConfigurationProperties records. */
  static boolean glassplateSettingExists(String key) throws IOException {
    String k = key.replaceAll("\\[\\d+]", "");
    try (Stream<Path> files = Stream.concat(Files.walk(ROOT.resolve("glassplate-server/src/main")),
        Files.walk(ROOT.resolve("glassplate-log/src/main")))) {
      for (Path p : files.filter(Files::isRegularFile).toList()) {
        String text = read(p);
        if (text.contains("\"" + k + "\"") || text.contains("${" + k + ":") || text.contains("${" + k + "}")
            || text.contains("\n" + k + "=")) {
          return true;
        }
        Matcher m = Pattern.compile("@ConfigurationProperties\\((?:prefix = )?\"([a-z.-]+)\"\\)").matcher(text);
        while (m.find()) {
          String prefix = m.group(1) + ".";
          if (k.startsWith(prefix)) {
            String first = k.substring(prefix.length()).split("\\.")[0];
            String camel = Pattern.compile("-([a-z])").matcher(first).replaceAll(r -> r.group(1).toUpperCase());
            if (Pattern.compile("\\b" + camel + "\\b").matcher(text).find()) {
              return true;
            }
          }
        }
      }
    }
    return false;
  }

  /** The keys of Spring Boot's configuration metadata on the class path (server.*, spring.*, management.*). */
  static Set<String> springBootKeys() throws IOException {
    Set<String> keys = new HashSet<>();
    Enumeration<URL> all = OperationsGuideTest.class.getClassLoader().getResources("META-INF/spring-configuration-metadata.json");
    Pattern name = Pattern.compile("\"name\"\\s*:\\s*\"([^\"]+)\"");
    while (all.hasMoreElements()) {
      try (InputStream in = all.nextElement().openStream()) {
        Matcher m = name.matcher(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        while (m.find()) {
          keys.add(m.group(1));
        }
      }
    }
    return keys;
  }

  @Test
  void everySettingOfTheGuideAndTheUnitIsOneTheServerReads() throws IOException {
    String text = read(ROOT.resolve("docs/OPERATIONS.md")) + read(ROOT.resolve("packaging/glassplate.service"));
    List<String> wrong = new ArrayList<>();
    Matcher glassplate = Pattern.compile("(?<![\\w./-])(glassplate(?:\\.[a-z][a-z0-9-]*(?:\\[\\d+])?)+)").matcher(text);
    Set<String> checked = new HashSet<>();
    while (glassplate.find()) {
      String key = glassplate.group(1);
      if (key.endsWith(".properties") || key.endsWith(".service") || key.endsWith(".key") || key.endsWith(".jar")
          || key.endsWith(".env") || key.endsWith(".log") || key.endsWith(".lock") || key.endsWith(".conf")
          || key.endsWith(".sql") || !checked.add(key)) {
        continue; // a file name, not a setting
      }
      if (!glassplateSettingExists(key)) {
        wrong.add(key);
      }
    }
    // environment variables of the unit's EnvironmentFile that stand for settings: GLASSPLATE_METRICS_TOKEN
    Matcher env = Pattern.compile("\\bGLASSPLATE_([A-Z_]+)=").matcher(text);
    while (env.find()) {
      String name = env.group(1);
      if (!name.startsWith("DB_") && !glassplateSettingExists("glassplate." + name.toLowerCase().replace('_', '.'))) {
        wrong.add("GLASSPLATE_" + name);
      }
    }
    Set<String> boot = springBootKeys();
    assertThat(boot).contains("server.port");
    Matcher spring = Pattern.compile("(?<![\\w.-])((?:server|spring|management)\\.[a-z][a-z0-9-]*(?:\\.[a-z][a-z0-9-]*)*)").matcher(text);
    while (spring.find()) {
      if (!boot.contains(spring.group(1))) {
        wrong.add(spring.group(1));
      }
    }
    assertThat(wrong).as("settings no code reads").isEmpty();
  }

  @Test
  void everyMetricOfTheGuideIsOneTheServerRecords() throws IOException {
    String whole = read(ROOT.resolve("docs/OPERATIONS.md"));
    int start = whole.indexOf("## 7. What to watch");
    assertThat(start).as("the guide's metrics section").isNotNegative();
    int end = whole.indexOf("\n## ", start + 1);
    String guide = whole.substring(start, end < 0 ? whole.length() : end);
    StringBuilder code = new StringBuilder();
    try (Stream<Path> files = Files.walk(SERVER)) {
      for (Path p : files.filter(f -> f.toString().endsWith(".java")).toList()) {
        code.append(read(p));
      }
    }
    Matcher m = Pattern.compile("\\bglassplate_[a-z_]+").matcher(guide);
    List<String> wrong = new ArrayList<>();
    int count = 0;
    while (m.find()) {
      count++;
      String meter = m.group().replaceAll("(_bucket|_count|_sum|_max)$", "").replaceAll("(_total|_seconds)$", "");
      if (!code.toString().contains("\"" + meter.replace('_', '.') + "\"")) {
        wrong.add(m.group());
      }
    }
    assertThat(count).isGreaterThan(10);
    assertThat(wrong).as("metrics the server does not record").isEmpty();
  }

  @Test
  void theUnitRunsARealCommandAsItsOwnUserWithItsHardening() throws IOException {
    String unit = read(ROOT.resolve("packaging/glassplate.service"));
    Map<String, List<String>> keys = new LinkedHashMap<>();
    String section = "";
    for (String line : unit.replaceAll("\\\\\\n\\s*", " ").lines().toList()) {
      String l = line.strip();
      if (l.isEmpty() || l.startsWith("#")) {
        continue;
      }
      if (l.startsWith("[")) {
        section = l;
        continue;
      }
      int eq = l.indexOf('=');
      assertThat(eq).as("a key=value line: " + l).isPositive();
      keys.computeIfAbsent(section + l.substring(0, eq), k -> new ArrayList<>()).add(l.substring(eq + 1).strip());
    }
    assertThat(keys).containsKeys("[Unit]Description", "[Service]User", "[Service]Group", "[Service]EnvironmentFile",
        "[Service]ExecStart", "[Service]ReadWritePaths", "[Install]WantedBy");
    assertThat(keys.get("[Service]User")).containsExactly("glassplate");
    assertThat(keys.get("[Service]Restart")).containsExactly("on-failure");
    assertThat(keys.get("[Service]NoNewPrivileges")).containsExactly("yes");
    assertThat(keys.get("[Service]ProtectSystem")).containsExactly("strict");
    assertThat(keys.get("[Service]PrivateTmp")).containsExactly("yes");
    assertThat(keys.get("[Service]ProtectHome")).containsExactly("yes");
    assertThat(keys).doesNotContainKey("[Service]MemoryDenyWriteExecute"); // the JVM's JIT writes code

    String exec = keys.get("[Service]ExecStart").get(0);
    List<String> words = Arrays.asList(exec.split("\\s+"));
    int jar = words.indexOf("-jar");
    assertThat(jar).as("ExecStart runs the server jar").isPositive();
    assertThat(words.get(jar + 1)).endsWith("/glassplate.jar");
    String line = "glassplate " + String.join(" ", words.subList(jar + 2, words.size()));
    String command = command(line);
    assertThat(command).isEqualTo("serve");
    assertThat(dispatched(command)).isTrue();
    String launcher = read(SERVER.resolve("Launcher.java"));
    for (String option : options(line)) {
      assertThat(launcher).as("serve's option " + option).contains("\"" + option + "\"");
    }
    assertThat(options(line)).contains("--data", "--db-url", "--db-user", "--db-owner-user");
    // the data directory it is given is the one it may write
    String data = words.get(words.indexOf("--data") + 1);
    assertThat(keys.get("[Service]ReadWritePaths").get(0).split("\\s+")).contains(data);
    assertThat(keys.get("[Service]WorkingDirectory")).containsExactly(data);
  }
}
