package io.opensbc.sip.rules;

import io.opensbc.config.loader.ConfigError;
import io.opensbc.config.loader.ConfigLoader;
import io.opensbc.config.loader.ConfigResult;
import io.opensbc.config.model.SbcConfig;
import io.opensbc.config.model.TrunkConfig;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;
import java.util.logging.Logger;

/**
 * The rule-application stage's owner: holds the {@link RuleBook} in force, which every shard
 * reads once per transaction and applies on its own event loop between the dialog layer and the
 * transports (no extra hop per message). Reloads arrive on the event bus at {@link #RELOAD_ADDRESS}
 * (from SIGHUP and {@code POST /admin/reload}): the file is read and checked off the event loop;
 * a file with errors is refused with every error and the running rules stay; a good one is
 * compiled and swapped in atomically, so new transactions use it and transactions in progress
 * finish with the book they started with.
 */
public final class RulesVerticle extends VerticleBase implements Supplier<RuleBook> {
  /** Request: {@code {"path": FILE}}; reply: see {@link #reload(Path)}. */
  public static final String RELOAD_ADDRESS = "sbc.rules.reload";

  private static final Logger LOG = Logger.getLogger(RulesVerticle.class.getName());

  private final RuleHits hits;
  private volatile RuleBook book;
  private volatile SbcConfig running;
  private MessageConsumer<JsonObject> consumer;

  public RulesVerticle(SbcConfig config, RuleHits hits) {
    this.hits = hits;
    this.running = config;
    this.book = RuleBook.compile(config, hits, 1);
  }

  @Override
  public Future<?> start() {
    consumer = vertx.eventBus().localConsumer(RELOAD_ADDRESS, this::onReload);
    return consumer.completion();
  }

  @Override
  public Future<?> stop() {
    return consumer == null ? Future.succeededFuture() : consumer.unregister();
  }

  @Override
  public RuleBook get() {
    return book;
  }

  public RuleHits hits() {
    return hits;
  }

  private void onReload(Message<JsonObject> m) {
    String path = m.body() == null ? null : m.body().getString("path");
    if (path == null) {
      m.fail(400, "no configuration file to reload (the node was started without --config)");
      return;
    }
    vertx.<JsonObject>executeBlocking(() -> reload(Path.of(path)), false)
        .onSuccess(m::reply)
        .onFailure(e -> m.fail(500, String.valueOf(e.getMessage())));
  }

  /**
   * Loads and checks {@code file}; installs its rules when it is valid. Returns
   * {@code {"applied": bool, "version": N, "errors": [...], "restartNeeded": [...]}}: errors as
   * {@code file:line:column: path: message}; restartNeeded names the sections that changed but
   * only take effect on restart (everything but rule sets and trunk rules/policies).
   */
  public JsonObject reload(Path file) {
    ConfigResult r = ConfigLoader.load(file);
    if (r instanceof ConfigResult.Invalid invalid) {
      JsonArray errors = new JsonArray();
      for (ConfigError e : invalid.errors()) {
        errors.add(e.toString());
      }
      LOG.warning("reload of " + file + " refused with " + errors.size() + " error(s); the running rules stay");
      return new JsonObject().put("applied", false).put("version", book.version()).put("errors", errors);
    }
    SbcConfig next = ((ConfigResult.Valid) r).config();
    RuleBook compiled = RuleBook.compile(next, hits, book.version() + 1);
    List<String> restart = restartNeeded(running, next);
    book = compiled;
    running = next;
    LOG.info("rules reloaded from " + file + " (version " + compiled.version() + ")"
        + (restart.isEmpty() ? "" : "; changes that need a restart: " + restart));
    return new JsonObject().put("applied", true).put("version", compiled.version())
        .put("errors", new JsonArray()).put("restartNeeded", new JsonArray(restart));
  }

  /** The sections that differ and are not applied by a reload. */
  static List<String> restartNeeded(SbcConfig a, SbcConfig b) {
    List<String> out = new ArrayList<>();
    if (!a.node().equals(b.node())) {
      out.add("node");
    }
    if (!a.admin().equals(b.admin())) {
      out.add("admin");
    }
    if (!a.cluster().equals(b.cluster())) {
      out.add("cluster");
    }
    if (!a.listeners().equals(b.listeners())) {
      out.add("listeners");
    }
    if (!a.routes().equals(b.routes())) {
      out.add("routes");
    }
    if (!a.sip().equals(b.sip())) {
      out.add("sip");
    }
    if (!addresses(a.trunks()).equals(addresses(b.trunks()))) {
      out.add("trunks (names or addresses)");
    }
    return out;
  }

  private static List<String> addresses(List<TrunkConfig> trunks) {
    return trunks.stream().map(t -> t.name() + "@" + t.host() + ":" + t.port() + "/" + t.transport() + "/"
        + Objects.toString(t.listener())).toList();
  }
}
