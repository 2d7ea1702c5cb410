package org.glassplate.server.support;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A server-sent event stream held open by a test, e.g. {@code /api/v1/alerts/stream}: every line that
 * comes is kept, and the end of the stream is noticed. Waits have a long deadline that only stops a
 * broken server from hanging the build; no test asserts how fast anything arrives.
 */
public final class EventStream implements AutoCloseable {
  private static final Duration DEADLINE = Duration.ofSeconds(20);

  private final List<String> lines = new CopyOnWriteArrayList<>();
  private final CountDownLatch ended = new CountDownLatch(1);
  private final HttpResponse<Stream<String>> response;

  private EventStream(HttpResponse<Stream<String>> response) {
    this.response = response;
    Thread reader = new Thread(() -> {
      try {
        response.body().forEach(lines::add);
      } catch (java.io.UncheckedIOException closed) {
        // the test closed it
      } finally {
        ended.countDown();
      }
    }, "test-event-stream");
    reader.setDaemon(true);
    reader.start();
  }

  /** Opens the stream at {@code url} with these request headers; fails unless it answers 200. */
  public static EventStream open(String url, Map<String, String> headers) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).header("Accept", "text/event-stream").GET();
    headers.forEach(b::header);
    HttpResponse<Stream<String>> r = HttpClient.newHttpClient()
        .sendAsync(b.build(), HttpResponse.BodyHandlers.ofLines()).get(DEADLINE.toSeconds(), TimeUnit.SECONDS);
    if (r.statusCode() != 200) {
      throw new AssertionError("the stream answered " + r.statusCode() + ": " + String.join("\n", r.body().toList()));
    }
    EventStream s = new EventStream(r);
    if (!s.awaitEvent("ready")) {
      throw new AssertionError("the stream sent no ready event: " + s.lines);
    }
    return s;
  }

  /** Waits until the server has ended the stream. */
  public boolean awaitEnd() throws InterruptedException {
    return ended.await(DEADLINE.toSeconds(), TimeUnit.SECONDS);
  }

  /** Waits until an event of this name has come. */
  public boolean awaitEvent(String name) throws InterruptedException {
    long until = System.nanoTime() + DEADLINE.toNanos();
    while (System.nanoTime() < until) {
      if (lines.contains("event:" + name)) {
        return true;
      }
      if (ended.getCount() == 0) {
        return lines.contains("event:" + name);
      }
      Thread.sleep(20);
    }
    return false;
  }

  /** The data lines of the events of this name, in order. */
  public List<String> data(String name) {
    List<String> out = new ArrayList<>();
    boolean in = false;
    for (String line : lines) {
      if (line.startsWith("event:")) {
        in = line.equals("event:" + name);
      } else if (in && line.startsWith("data:")) {
        out.add(line.substring(5));
        in = false;
      }
    }
    return out;
  }

  /** Every line so far, for a failure message. */
  public List<String> lines() {
    return List.copyOf(lines);
  }

  @Override
  public void close() {
    response.body().close();
  }
}
