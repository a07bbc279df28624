package io.opensbc.config.model;

/**
 * The admin HTTP endpoint (health, metrics).
 *
 * @param host bind address; default 127.0.0.1
 * @param port default 8080; 0 = ephemeral
 * @param enabled default true
 */
public record AdminConfig(String host, int port, boolean enabled) {
  public static final AdminConfig DEFAULT =
      new AdminConfig(Defaults.ADMIN_HOST, Defaults.ADMIN_PORT, Defaults.ADMIN_ENABLED);
}
