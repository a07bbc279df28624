package io.opensbc.cluster.node;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.VertxOptions;
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

  static MicrometerMetricsFactory factory(PrometheusMeterRegistry registry) {
    return new MicrometerMetricsFactory(registry);
  }
}
