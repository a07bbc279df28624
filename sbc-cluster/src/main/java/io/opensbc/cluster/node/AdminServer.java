package io.opensbc.cluster.node;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.opensbc.cluster.capture.Ladder;
import io.opensbc.cluster.capture.Pcap;
import io.opensbc.cluster.records.CallRecord;
import io.opensbc.cluster.records.CallRecords;
import io.opensbc.sip.dialog.CallEvent;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * The admin HTTP listener, a table of handlers (no web framework): {@code GET /health} (JSON; 503
 * while draining), {@code GET /metrics} (Prometheus text), {@code POST /admin/drain},
 * {@code POST /admin/reload}, {@code GET /admin/calls}, {@code GET /admin/calls/{id}} (record,
 * event history, explained ladder), {@code GET /admin/calls/{id}/pcap}, {@code GET /admin/trunks},
 * and the console's static files at {@code /} and {@code /console/}. With a token, every request
 * but {@code GET /health} and the static files needs {@code Authorization: Bearer <token>}.
 */
final class AdminServer {
  private static final int MAX_LIMIT = 1000;
  private static final Map<String, String> STATIC = Map.of(
      "/", "index.html", "/console/index.html", "index.html", "/console/app.js", "app.js",
      "/console/app.css", "app.css");

  private final Vertx vertx;
  private final String host;
  private final int port;
  private final byte[] token;
  private final PrometheusMeterRegistry registry;
  private final AdminBackend backend;
  private final Map<String, Consumer<HttpServerRequest>> routes;
  private final Map<String, Buffer> files = new java.util.HashMap<>();
  private HttpServer server;

  AdminServer(Vertx vertx, String host, int port, String token, PrometheusMeterRegistry registry,
      AdminBackend backend) {
    this.vertx = vertx;
    this.host = host;
    this.port = port;
    this.token = token == null ? null : token.getBytes(StandardCharsets.UTF_8);
    this.registry = registry;
    this.backend = backend;
    this.routes = Map.of(
        "GET /health", this::health,
        "GET /metrics", this::metrics,
        "POST /admin/drain", this::drain,
        "POST /admin/reload", this::reload,
        "GET /admin/calls", this::calls,
        "GET /admin/trunks", r -> json(r, 200, new JsonObject().put("trunks", backend.trunks())));
    for (String f : List.of("index.html", "app.js", "app.css")) {
      files.put(f, resource("/console/" + f));
    }
  }

  private static Buffer resource(String path) {
    try (InputStream in = AdminServer.class.getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + path);
      }
      return Buffer.buffer(in.readAllBytes());
    } catch (IOException e) {
      throw new IllegalStateException("cannot read resource " + path, e);
    }
  }

  Future<HttpServer> start() {
    return vertx.createHttpServer().requestHandler(this::route).listen(port, host).onSuccess(s -> server = s);
  }

  private void route(HttpServerRequest req) {
    String path = req.path();
    String file = STATIC.get(path);
    if (file != null && req.method().name().equals("GET")) {
      String type = file.endsWith(".js") ? "text/javascript" : file.endsWith(".css") ? "text/css" : "text/html";
      req.response().putHeader("content-type", type + "; charset=utf-8")
          .putHeader("cache-control", "no-cache").end(files.get(file));
      return;
    }
    boolean open = path.equals("/health") && req.method().name().equals("GET");
    if (!open && !authorized(req)) {
      req.response().setStatusCode(401).putHeader("www-authenticate", "Bearer realm=\"opensbc\"")
          .putHeader("content-type", "application/json")
          .end(new JsonObject().put("error", "a bearer token is required").encode());
      return;
    }
    Consumer<HttpServerRequest> h = routes.get(req.method().name() + " " + path);
    if (h != null) {
      h.accept(req);
      return;
    }
    if (path.startsWith("/admin/calls/") && req.method().name().equals("GET")) {
      String rest = percentDecoded(path.substring("/admin/calls/".length()));
      if (rest == null) {
        json(req, 400, new JsonObject().put("error", "malformed percent-encoding in the call id"));
        return;
      }
      if (rest.endsWith("/pcap")) {
        pcap(req, rest.substring(0, rest.length() - "/pcap".length()));
      } else {
        call(req, rest);
      }
      return;
    }
    boolean known = routes.keySet().stream().anyMatch(k -> k.endsWith(" " + path));
    req.response().setStatusCode(known ? 405 : 404).end();
  }

  /** RFC 3986 percent-decoding of a path segment ('+' stays '+': Call-IDs may hold it); null if malformed. */
  static String percentDecoded(String s) {
    try {
      return java.net.URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private boolean authorized(HttpServerRequest req) {
    if (token == null) {
      return true;
    }
    String auth = req.getHeader("authorization");
    if (auth == null || !auth.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return false;
    }
    return MessageDigest.isEqual(token, auth.substring(7).trim().getBytes(StandardCharsets.UTF_8));
  }

  int port() {
    return server == null ? -1 : server.actualPort();
  }

  Future<Void> stop() {
    // Vert.x 5 closes gracefully, waiting up to 30 s for idle keep-alive clients: don't
    return server == null ? Future.succeededFuture() : server.shutdown(1, TimeUnit.SECONDS);
  }

  private static void json(HttpServerRequest req, int status, Object body) {
    req.response().setStatusCode(status).putHeader("content-type", "application/json")
        .end(body instanceof JsonObject o ? o.encode() : ((JsonArray) body).encode());
  }

  private void health(HttpServerRequest req) {
    JsonObject h = backend.health();
    boolean up = "up".equals(h.getString("status"));
    json(req, up ? 200 : 503, h);
  }

  private void metrics(HttpServerRequest req) {
    backend.refreshMetrics();
    req.response().putHeader("content-type", "text/plain; version=0.0.4; charset=utf-8").end(registry.scrape());
  }

  /** 200 applied; 422 refused with every error listed (the running rules stay); 409 no file. */
  private void reload(HttpServerRequest req) {
    backend.reload().onComplete(ar -> {
      if (ar.failed()) {
        json(req, 409, new JsonObject().put("applied", false).put("error", String.valueOf(ar.cause().getMessage())));
        return;
      }
      JsonObject r = ar.result();
      req.response().setStatusCode(r.getBoolean("applied", false) ? 200 : 422)
          .putHeader("content-type", "application/json").end(r.encodePrettily());
    });
  }

  private void drain(HttpServerRequest req) {
    backend.drain();
    json(req, 202, new JsonObject().put("status", "draining"));
  }

  /**
   * {@code GET /admin/calls?state=active|ended&trunk=T&status=486|4xx&q=TEXT&limit=N}: records of
   * calls in progress then ended ones (newest first), filtered.
   */
  private void calls(HttpServerRequest req) {
    String state = req.getParam("state", "all");
    Predicate<JsonObject> filter = filter(req);
    int limit;
    try {
      limit = Math.max(1, Math.min(MAX_LIMIT, Integer.parseInt(req.getParam("limit", "100"))));
    } catch (NumberFormatException e) {
      json(req, 400, new JsonObject().put("error", "limit must be a number 1-" + MAX_LIMIT));
      return;
    }
    if (!List.of("all", "active", "ended").contains(state)) {
      json(req, 400, new JsonObject().put("error", "state must be active, ended or all"));
      return;
    }
    Future<List<List<CallEvent>>> live = state.equals("ended") ? Future.succeededFuture(List.of()) : backend.liveCalls();
    live.onComplete(ar -> {
      JsonArray out = new JsonArray();
      if (ar.succeeded()) {
        for (List<CallEvent> log : ar.result()) {
          JsonObject r = CallRecord.of(log, backend.nodeName());
          if (out.size() < limit && filter.test(r)) {
            out.add(r);
          }
        }
      }
      if (!state.equals("active")) {
        for (CallRecords.Entry e : backend.records().query(filter, limit - out.size())) {
          out.add(e.record());
        }
      }
      json(req, 200, new JsonObject().put("calls", out).put("count", out.size()));
    });
  }

  private static Predicate<JsonObject> filter(HttpServerRequest req) {
    String trunk = req.getParam("trunk");
    String status = req.getParam("status");
    String q = req.getParam("q");
    return r -> (trunk == null || trunk.equals(r.getString("trunk")) || trunk.equals(r.getString("sourceTrunk")))
        && (status == null || statusMatches(status, r.getInteger("status")))
        && (q == null || r.encode().contains(q));
  }

  private static boolean statusMatches(String wanted, Integer status) {
    if (status == null) {
      return false;
    }
    if (wanted.length() == 3 && wanted.endsWith("xx")) {
      return Integer.toString(status).charAt(0) == wanted.charAt(0);
    }
    return wanted.equals(Integer.toString(status));
  }

  /** The call whose call reference or A-leg Call-ID is {@code id}: ended first, else in progress. */
  private Future<List<CallEvent>> findLog(String id) {
    CallRecords.Entry e = backend.records().find(id);
    if (e != null) {
      return Future.succeededFuture(e.log());
    }
    return backend.liveCalls().map(all -> {
      for (List<CallEvent> log : all) {
        if (!log.isEmpty() && log.get(0) instanceof CallEvent.CallOffered o
            && (o.callRef().equals(id) || o.a().callId().equals(id))) {
          return log;
        }
      }
      return null;
    });
  }

  private void call(HttpServerRequest req, String id) {
    findLog(id).onComplete(ar -> {
      List<CallEvent> log = ar.succeeded() ? ar.result() : null;
      if (log == null) {
        json(req, 404, new JsonObject().put("error", "no call " + id + " (in progress or among the recent records)"));
        return;
      }
      JsonObject record = CallRecord.of(log, backend.nodeName());
      JsonArray events = new JsonArray();
      log.forEach(e -> events.add(CallRecord.event(e)));
      JsonObject body = new JsonObject().put("record", record).put("events", events);
      var traces = backend.traces();
      body.put("capture", traces != null);
      if (traces != null) {
        String a = record.getString("aCallId");
        String b = record.getString("bCallId");
        body.put("ladder", Ladder.of(traces.messages(a, b), log, a, b));
      }
      json(req, 200, body);
    });
  }

  private void pcap(HttpServerRequest req, String id) {
    var traces = backend.traces();
    if (traces == null) {
      json(req, 409, new JsonObject().put("error", "SIP capture is off (operations.capture.calls: 0)"));
      return;
    }
    findLog(id).onComplete(ar -> {
      List<CallEvent> log = ar.succeeded() ? ar.result() : null;
      if (log == null || !(log.get(0) instanceof CallEvent.CallOffered o)) {
        json(req, 404, new JsonObject().put("error", "no call " + id));
        return;
      }
      var messages = traces.messages(o.a().callId(), o.callRef());
      req.response().putHeader("content-type", "application/vnd.tcpdump.pcap")
          .putHeader("content-disposition", "attachment; filename=\"call-" + o.callRef().replaceAll("[^A-Za-z0-9._-]", "_")
              + ".pcap\"")
          .end(Pcap.of(new ArrayList<>(messages)));
    });
  }
}
