package org.glassplate.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.glassplate.server.reads.Camera;
import org.glassplate.server.reads.Cameras;
import org.glassplate.server.support.IntegrationTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * {@code ./glassplate import reads FILE --camera ID --url URL} against the running test server
 * (issue 17 item 4, R-ING-1): chunks, the file's line numbers in rejections, progress and summary,
 * an interrupted import resumed without duplicates, and the token never taken on the command line.
 */
class ReadsImportCommandIT extends IntegrationTest {
  @Autowired
  Cameras cameras;

  @TempDir
  Path dir;

  Camera.WithToken camera;
  Path file;
  int goodLines;

  record Run(int exit, String out, String err) {
  }

  @BeforeEach
  void cameraAndFile() throws Exception {
    camera = cameras.register("CLI cam", 36.7, -119.7, 90);
    Instant t = clock.instant().minus(Duration.ofHours(2));
    List<String> lines = new ArrayList<>(List.of("plate,state,capturedAt,lat,lon"));
    for (int i = 0; i < 50; i++) {
      // line 12 (i = 10) and line 40 (i = 38) are bad: no plate, a state that is none
      String plate = i == 10 ? "" : "9CLI%03d".formatted(i);
      String state = i == 38 ? "QQ" : "CA";
      lines.add(plate + "," + state + "," + t.plusSeconds(i) + ",36.7,-119.7");
    }
    file = dir.resolve("reads.csv");
    Files.write(file, lines, StandardCharsets.UTF_8);
    goodLines = 48;
  }

  @AfterEach
  void removeReads() {
    jdbc.sql("DELETE FROM plate_read WHERE camera_id = :c").param("c", camera.camera().id()).update();
  }

  private Run run(Map<String, String> env, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int exit = ReadsImportCommand.run(args, env, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  private Run importReads(String url, String... more) {
    List<String> args = new ArrayList<>(List.of("reads", file.toString(), "--camera",
        Long.toString(camera.camera().id()), "--url", url, "--chunk-lines", "7"));
    args.addAll(List.of(more));
    return run(Map.of(ReadsImportCommand.TOKEN_VARIABLE, camera.token()), args.toArray(String[]::new));
  }

  private long stored() {
    return jdbc.sql("SELECT count(*) FROM plate_read WHERE camera_id = :c").param("c", camera.camera().id())
        .query(Long.class).single();
  }

  @Test
  void importsAFileInChunksNamingTheFilesLinesAndASecondRunAddsNothing() {
    Run first = importReads(baseUrl());

    assertThat(first.exit()).as(first.err()).isZero();
    assertThat(first.out()).contains("imported " + file + ": lines sent 50, accepted 48, duplicates 0, rejected 2")
        .contains("line 12, plate: plate is missing").contains("line 40, state: unknown state");
    // progress after each chunk of 7 lines: 8 chunks
    assertThat(first.err().lines().filter(l -> l.startsWith("lines sent ")).toList()).hasSize(8)
        .last().isEqualTo("lines sent 50: accepted 48, duplicates 0, rejected 2");
    assertThat(stored()).isEqualTo(goodLines);

    Run again = importReads(baseUrl());
    assertThat(again.exit()).isZero();
    assertThat(again.out()).contains("lines sent 50, accepted 0, duplicates 48, rejected 2");
    assertThat(stored()).isEqualTo(goodLines);
  }

  @Test
  void anImportThatCannotReachTheServerSaysWhereToResumeAndTheResumeStoresEachReadOnce() throws Exception {
    int closedPort;
    try (ServerSocket s = new ServerSocket(0)) {
      closedPort = s.getLocalPort();
    }
    Run broken = importReads("http://127.0.0.1:" + closedPort);
    assertThat(broken.exit()).isEqualTo(1);
    assertThat(broken.err()).contains("--from-line 2");
    assertThat(stored()).isZero();

    // as if the connection broke after line 22: lines 23 on are sent first, then the whole file again
    Run tail = importReads(baseUrl(), "--from-line", "23");
    assertThat(tail.exit()).as(tail.err()).isZero();
    assertThat(tail.out()).contains("lines sent 29, accepted 28, duplicates 0, rejected 1");
    Run whole = importReads(baseUrl());
    assertThat(whole.exit()).isZero();
    assertThat(whole.out()).contains("lines sent 50, accepted 20, duplicates 28, rejected 2");
    assertThat(stored()).isEqualTo(goodLines);
  }

  @Test
  void refusesATokenOnTheCommandLineAndRunsWithoutOneFromAFile() throws Exception {
    String id = Long.toString(camera.camera().id());
    Run onCommandLine = run(Map.of(), "reads", file.toString(), "--camera", id, "--url", baseUrl(),
        "--token", camera.token());
    assertThat(onCommandLine.exit()).isEqualTo(2);
    assertThat(onCommandLine.err()).contains("GLASSPLATE_CAMERA_TOKEN").doesNotContain(camera.token());

    Run none = run(Map.of(), "reads", file.toString(), "--camera", id, "--url", baseUrl());
    assertThat(none.exit()).isEqualTo(2);
    assertThat(run(Map.of(), "reads").exit()).isEqualTo(2);
    assertThat(run(Map.of(), "something-else").exit()).isEqualTo(2);
    assertThat(stored()).isZero();

    Path tokenFile = dir.resolve("token");
    Files.writeString(tokenFile, camera.token() + "\n");
    Run fromFile = run(Map.of(), "reads", file.toString(), "--camera", id, "--url", baseUrl(), "--token-file",
        tokenFile.toString());
    assertThat(fromFile.exit()).as(fromFile.err()).isZero();
    assertThat(stored()).isEqualTo(goodLines);
  }

  @Test
  void refusesAnotherCamerasTokenWithoutStoringAnything() {
    Camera.WithToken other = cameras.register("Other cam", 36.7, -119.7, 90);
    Run r = run(Map.of(ReadsImportCommand.TOKEN_VARIABLE, other.token()), "reads", file.toString(), "--camera",
        Long.toString(camera.camera().id()), "--url", baseUrl());
    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.err()).contains("answered 422").contains("camera");
    assertThat(stored()).isZero();
    assertThat(jdbc.sql("SELECT count(*) FROM plate_read WHERE camera_id = :c").param("c", other.camera().id())
        .query(Long.class).single()).isZero();
  }
}
