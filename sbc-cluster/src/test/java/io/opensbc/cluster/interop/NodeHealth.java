package io.opensbc.cluster.interop;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** What the cluster tests ask of nodes running as processes: their /health, and free addresses. */
final class NodeHealth {
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  private NodeHealth() {}

  /** Polls {@code http://host:port/health} until {@code done} holds; fails with the last answer. */
  static JsonObject await(String host, int port, Predicate<JsonObject> done, int seconds, String what)
      throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    JsonObject last = null;
    while (System.nanoTime() < deadline) {
      try {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create("http://" + host + ":" + port
            + "/health")).timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
        last = new JsonObject(r.body());
        if (done.test(last)) {
          return last;
        }
      } catch (IOException e) {
        // not up (yet)
      }
      Thread.sleep(100);
    }
    throw new AssertionError(what + ": last /health " + last);
  }

  /** Whether UDP and TCP can both bind {@code host:port} now (port 0: whether the address exists). */
  static boolean freeOn(String host, int port) {
    try (ServerSocket s = new ServerSocket(); DatagramSocket d = new DatagramSocket(null)) {
      s.bind(new InetSocketAddress(host, port));
      d.bind(new InetSocketAddress(host, port));
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  /** When the first departure of a member was detected (epoch ms), from a node's /health. */
  static long departure(JsonObject health) {
    var d = health.getJsonObject("cluster").getJsonArray("departures");
    return d.isEmpty() ? Long.MAX_VALUE : d.getJsonObject(0).getLong("detectedAt");
  }
}
