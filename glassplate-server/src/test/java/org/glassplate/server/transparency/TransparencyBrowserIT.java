package org.glassplate.server.transparency;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.glassplate.server.support.Chromium;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Issue 7: real Chromium loads /transparency of a running demo (the launcher jar as a separate
 * process), reads every figure off the page and checks it against /transparency.json.
 */
class TransparencyBrowserIT {
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @TempDir
  Path data;
  private Process demo;

  @AfterEach
  void stop() throws Exception {
    if (demo != null && demo.isAlive()) {
      demo.destroy();
      demo.waitFor(60, java.util.concurrent.TimeUnit.SECONDS);
    }
  }

  private int startDemo() throws Exception {
    int port;
    try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
      port = s.getLocalPort();
    }
    demo = new ProcessBuilder(ProcessHandle.current().info().command().orElse("java"), "-Xmx512m", "-jar",
        Path.of("target", "glassplate.jar").toAbsolutePath().toString(), "demo", "--port", Integer.toString(port),
        "--data", data.toString(), "--rate", "0")
        .redirectErrorStream(true).redirectOutput(Path.of("target", "transparency-browser-demo.log").toFile()).start();
    Instant deadline = Instant.now().plusSeconds(180);
    while (Instant.now().isBefore(deadline)) {
      try {
        if (HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/actuator/health")).build(),
            HttpResponse.BodyHandlers.ofString()).statusCode() == 200) {
          return port;
        }
      } catch (IOException e) {
        // starting
      }
      Thread.sleep(300);
    }
    throw new AssertionError("demo did not start");
  }

  private static JsonNode json(int port) throws Exception {
    return JSON.readTree(HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/transparency.json")).build(),
        HttpResponse.BodyHandlers.ofString()).body());
  }

  private static JsonNode at(JsonNode root, String path) {
    JsonNode n = root;
    for (String p : path.split("\\.")) {
      n = n.isArray() ? n.path(Integer.parseInt(p)) : n.path(p);
    }
    return n;
  }

  private static String expected(JsonNode n) {
    if (n.isIntegralNumber()) {
      return String.format(Locale.ROOT, "%,d", n.longValue());
    }
    return n.isString() ? n.stringValue() : n.toString();
  }

  @Test
  void everyFigureOnThePageMatchesTheJsonTwinAndNoneIsBlank() throws Exception {
    int port = startDemo();
    JsonNode creds = JSON.readTree(Files.readString(data.resolve("demo-credentials.json")));
    String camera = creds.path("cameras").get(0).path("token").stringValue();
    String now = Instant.now().toString();
    HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/reads"))
        .header("Authorization", "Bearer " + camera).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString("{\"reads\":[{\"plate\":\"7TRN001\",\"state\":\"CA\",\"capturedAt\":\""
            + now + "\"},{\"plate\":\"7TRN002\",\"state\":\"CA\",\"capturedAt\":\"" + now + "\"}]}")).build(),
        HttpResponse.BodyHandlers.ofString());

    // let the audit log's sequencer sign what the ingest recorded, so that page and JSON see one size
    long size = -1;
    for (int i = 0; i < 60; i++) {
      long now2 = json(port).path("audit").path("size").longValue();
      if (now2 == size && now2 > 0) {
        break;
      }
      size = now2;
      Thread.sleep(1500);
    }
    WebDriver driver = Chromium.start(1280, 4000);
    try {
      driver.get("http://localhost:" + port + "/transparency");
      JsonNode twin = json(port);
      List<WebElement> figures = driver.findElements(By.cssSelector("[data-figure]"));
      assertThat(figures).as("figures on the page").hasSizeGreaterThan(40);
      List<String> mismatches = new ArrayList<>();
      for (WebElement f : figures) {
        String path = f.getAttribute("data-figure");
        String shown = f.getText().trim();
        if (shown.isEmpty() && f.getText().isEmpty()) {
          shown = f.getAttribute("textContent").trim();
        }
        assertThat(shown).as("figure %s is blank", path).isNotBlank();
        if (path.equals("generatedAt")) {
          continue; // the page and the JSON were made at two moments
        }
        JsonNode want = at(twin, path);
        assertThat(want.isMissingNode()).as("figure %s has no twin in the JSON", path).isFalse();
        if (!expected(want).trim().equals(shown)) {
          mismatches.add(path + ": page '" + shown + "' json '" + expected(want) + "'");
        }
      }
      assertThat(mismatches).isEmpty();
      // the demo's 30-day history (thousands of reads a day) and the two just posted
      long reads = at(twin, "reads.last30Days").longValue();
      assertThat(reads).isGreaterThan(30_000);
      assertThat(driver.findElement(By.cssSelector("[data-figure='reads.last30Days']")).getText())
          .isEqualTo(String.format(Locale.ROOT, "%,d", reads));
      assertThat(driver.findElement(By.cssSelector("[data-figure='cameras.active']")).getText()).isEqualTo("8");
      Chromium.screenshot(driver, "transparency-desktop");
      ((org.openqa.selenium.JavascriptExecutor) driver).executeScript("document.body.style.zoom='1'");
    } finally {
      driver.quit();
    }

    WebDriver phone = Chromium.phone();
    try {
      phone.get("http://localhost:" + port + "/transparency");
      org.openqa.selenium.JavascriptExecutor js = (org.openqa.selenium.JavascriptExecutor) phone;
      Long viewport = (Long) js.executeScript("return document.documentElement.clientWidth");
      Long scrollWidth = (Long) js.executeScript("return document.documentElement.scrollWidth");
      assertThat(viewport).as("phone viewport").isLessThanOrEqualTo(400L);
      assertThat(scrollWidth).as("no sideways scrolling on a phone").isLessThanOrEqualTo(viewport);
      Chromium.screenshot(phone, "transparency-phone");
    } finally {
      phone.quit();
    }
  }
}
