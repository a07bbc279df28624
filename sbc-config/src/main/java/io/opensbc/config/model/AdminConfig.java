package io.opensbc.config.model;

/**
 * The admin HTTP endpoint (health, metrics, admin API, console).
 *
 * @param host bind address; default 127.0.0.1
 * @param port default 8080; 0 = ephemeral
 * @param enabled default true
 * @param token bearer token required on every request when bound to a non-loopback address
 *     (null: none; then {@code OPENSBC_ADMIN_TOKEN} is used, and a non-loopback bind without
 *     either is refused)
 */
public record AdminConfig(String host, int port, boolean enabled, String token) {
  public static final AdminConfig DEFAULT =
      new AdminConfig(Defaults.ADMIN_HOST, Defaults.ADMIN_PORT, Defaults.ADMIN_ENABLED, null);

  public AdminConfig(String host, int port, boolean enabled) {
    this(host, port, enabled, null);
  }

  @Override
  public String toString() {
    return "AdminConfig[host=" + host + ", port=" + port + ", enabled=" + enabled + ", token="
        + (token == null ? "none" : "***") + "]";
  }
}
