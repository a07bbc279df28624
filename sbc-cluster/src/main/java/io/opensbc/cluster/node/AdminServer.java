package io.opensbc.cluster.node;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The admin HTTP listener: {@code GET /health} (JSON; 503 while draining), {@code GET /metrics}
 * (Prometheus text), {@code POST /admin/drain},
 * {@code POST /admin/reload}. A table of handlers, no web framework.
 */
final class AdminServer {
  private final Vertx vertx;
  private final String host;
  private final int port;
  private final Supplier<JsonObject> health;
  private final Runnable drain;
  private final Supplier<Future<JsonObject>> reload;
  private final PrometheusMeterRegistry registry;
  private final Map<String, Consumer<HttpServerRequest>> routes;
  private HttpServer server;

  AdminServer(Vertx vertx, String host, int port, Supplier<JsonObject> health, Runnable drain,
      Supplier<Future<JsonObject>> reload, PrometheusMeterRegistry registry) {
    this.reload = reload;
    this.vertx = vertx;
    this.host = host;
    this.port = port;
    this.health = health;
    this.drain = drain;
    this.registry = registry;
    this.routes = Map.of(
        "GET /health", this::health,
        "GET /metrics", this::metrics,
        "POST /admin/drain", this::drain,
        "POST /admin/reload", this::reload);
  }

  Future<HttpServer> start() {
    return vertx.createHttpServer().requestHandler(req -> {
      Consumer<HttpServerRequest> h = routes.get(req.method().name() + " " + req.path());
      if (h == null) {
        boolean known = routes.keySet().stream().anyMatch(k -> k.endsWith(" " + req.path()));
        req.response().setStatusCode(known ? 405 : 404).end();
        return;
      }
      h.accept(req);
    }).listen(port, host).onSuccess(s -> server = s);
  }

  int port() {
    return server == null ? -1 : server.actualPort();
  }

  Future<Void> stop() {
    // Vert.x 5 closes gracefully, waiting up to 30 s for idle keep-alive clients: don't
    return server == null ? Future.succeededFuture() : server.shutdown(1, TimeUnit.SECONDS);
  }

  private void health(HttpServerRequest req) {
    JsonObject h = health.get();
    boolean up = "up".equals(h.getString("status"));
    req.response().setStatusCode(up ? 200 : 503).putHeader("content-type", "application/json").end(h.encode());
  }

  private void metrics(HttpServerRequest req) {
    req.response().putHeader("content-type", "text/plain; version=0.0.4; charset=utf-8").end(registry.scrape());
  }

  /** 200 applied; 422 refused with every error listed (the running rules stay); 409 no file. */
  private void reload(HttpServerRequest req) {
    reload.get().onComplete(ar -> {
      if (ar.failed()) {
        String why = String.valueOf(ar.cause().getMessage());
        req.response().setStatusCode(409).putHeader("content-type", "application/json")
            .end(new JsonObject().put("applied", false).put("error", why).encode());
        return;
      }
      JsonObject r = ar.result();
      req.response().setStatusCode(r.getBoolean("applied", false) ? 200 : 422)
          .putHeader("content-type", "application/json").end(r.encodePrettily());
    });
  }

  private void drain(HttpServerRequest req) {
    if (req.method() != HttpMethod.POST) {
      req.response().setStatusCode(405).end();
      return;
    }
    drain.run();
    req.response().setStatusCode(202).putHeader("content-type", "application/json")
        .end(new JsonObject().put("status", "draining").encode());
  }
}
