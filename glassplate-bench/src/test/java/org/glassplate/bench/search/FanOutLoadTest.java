package org.glassplate.bench.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fan-out benchmark's own logic, against a stand-in for a node (a JDK HTTP server answering
 * {@code POST /api/v1/searches}): the options, the interleaving of both kinds of search, and that a run
 * in which a partner did not answer OK fails rather than reporting a timeout's latency as a search's.
 */
class FanOutLoadTest {
  @TempDir
  Path data;

  record Case(String[] args, String want) {
  }

  @Test
  void badOptionsAreRefusedNamingTheOption() {
    for (Case c : List.of(
        new Case(new String[] {}, "--data DIR is required"),
        new Case(new String[] {"--data"}, "bad option --data"),
        new Case(new String[] {"--data", "d", "--partners", "3"}, "bad option --partners"),
        new Case(new String[] {"--data", "d", "--searches", "0"}, "--searches must be at least 1"),
        new Case(new String[] {"--data", "d", "--warmup", "many"}, "--warmup must be a whole number"))) {
      assertThatThrownBy(() -> FanOutLoad.Options.parse(c.args())).as(String.join(" ", c.args()))
          .hasMessageContaining(c.want());
    }
    assertThat(FanOutLoad.Options.parse(new String[] {"--data", "d", "--searches", "5"}).warmup()).isEqualTo(40);
  }

  @Test
  void onlyTheFanOutSearchesAskThePartners() {
    Random random = new Random(1);
    assertThat(FanOutLoad.body(random, true).path("partners").booleanValue()).isTrue();
    assertThat(FanOutLoad.body(random, false).has("partners")).isFalse();
    assertThat(FanOutLoad.body(random, false).path("offense").asString()).isEqualTo("STOLEN_VEHICLE");
  }

  @Test
  void aRunWithoutPartnersIsAUsageError() throws Exception {
    Files.writeString(data.resolve("demo-credentials.json"), """
        {"users":[{"username":"investigator","apiToken":"t"}]}""");
    assertThat(run(null)).isEqualTo(2);
  }

  @Test
  void timesBothKindsAndFailsWhenAPartnerDidNotAnswer() throws Exception {
    Files.writeString(data.resolve("demo-credentials.json"), """
        {"users":[{"username":"investigator","apiToken":"secret"}],
         "partners":[{"agency":"valley-pd","url":"http://127.0.0.1:1","credentials":"x"}]}""");
    List<String> bodies = new CopyOnWriteArrayList<>();
    String[] partnerStatus = {"OK"};
    HttpServer node = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    node.createContext("/api/v1/searches", x -> {
      String body = new String(x.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
      boolean authorized = "Bearer secret".equals(x.getRequestHeaders().getFirst("Authorization"));
      bodies.add(body);
      String answer = body.contains("\"partners\":true")
          ? "{\"results\":[],\"partners\":[{\"agency\":\"valley-pd\",\"status\":\"" + partnerStatus[0] + "\",\"count\":0}]}"
          : "{\"results\":[]}";
      byte[] bytes = answer.getBytes(StandardCharsets.UTF_8);
      x.sendResponseHeaders(authorized ? 200 : 401, bytes.length);
      x.getResponseBody().write(bytes);
      x.close();
    });
    node.start();
    try {
      String url = "http://127.0.0.1:" + node.getAddress().getPort();
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      assertThat(run(url, out, "--searches", "3", "--warmup", "2")).isEqualTo(0);
      assertThat(bodies).hasSize(8);
      assertThat(bodies.stream().filter(b -> b.contains("\"partners\":true"))).hasSize(4);
      assertThat(out.toString(StandardCharsets.UTF_8)).contains("local only", "with 1 partners", "n=3",
          "partner valley-pd", "{OK=3}");

      partnerStatus[0] = "UNREACHABLE";
      assertThat(run(url, new ByteArrayOutputStream(), "--searches", "1", "--warmup", "0")).isEqualTo(1);
    } finally {
      node.stop(0);
    }
  }

  private int run(String url) throws Exception {
    return run(url, new ByteArrayOutputStream());
  }

  private int run(String url, ByteArrayOutputStream out, String... more) throws Exception {
    List<String> args = new java.util.ArrayList<>(List.of("--data", data.toString()));
    if (url != null) {
      args.addAll(List.of("--url", url));
    }
    args.addAll(List.of(more));
    return FanOutLoad.run(args.toArray(String[]::new), new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
  }
}
