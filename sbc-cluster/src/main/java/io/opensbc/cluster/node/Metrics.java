package io.opensbc.cluster.node;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.opensbc.sip.rules.RuleHits;
import io.vertx.core.VertxOptions;
import java.util.Set;
import io.vertx.micrometer.MicrometerMetricsFactory;
import io.vertx.micrometer.MicrometerMetricsOptions;
import io.vertx.micrometer.VertxPrometheusOptions;

/** Vert.x metrics into a Prometheus registry of this node (served on /metrics). */
final class Metrics {
  private Metrics() {}

  static PrometheusMeterRegistry registry() {
    return new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  }

  static VertxOptions options() {
    MicrometerMetricsOptions m = new MicrometerMetricsOptions()
        .setEnabled(true)
        .setPrometheusOptions(new VertxPrometheusOptions().setEnabled(true));
    return new VertxOptions().setMetricsOptions(m);
  }

  /**
   * Registers {@code sbc_rule_hits_total{trunk, direction, rule}} for every rule counter not yet
   * registered (called at start and after each reload; counters of removed rules stay, frozen).
   */
  static void ruleHits(PrometheusMeterRegistry registry, RuleHits hits, Set<String> registered) {
    for (String key : hits.snapshot().keySet()) {
      if (!registered.add(key)) {
        continue;
      }
      String[] p = key.split("/", 3);
      FunctionCounter.builder("sbc.rule.hits", hits, h -> h.hits(key))
          .description("messages on which the rule's selector and condition held")
          .tag("trunk", p[0]).tag("direction", p.length > 1 ? p[1] : "").tag("rule", p.length > 2 ? p[2] : "")
          .register(registry);
    }
  }

  static MicrometerMetricsFactory factory(PrometheusMeterRegistry registry) {
    return new MicrometerMetricsFactory(registry);
  }
}
