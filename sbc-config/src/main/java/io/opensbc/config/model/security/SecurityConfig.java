package io.opensbc.config.model.security;

/** The top-level {@code security} section (docs/security.md). */
public record SecurityConfig(AccessControl access, RegistrarConfig registrar, BruteForce bruteForce) {
  public static final SecurityConfig DEFAULT =
      new SecurityConfig(AccessControl.DEFAULT, RegistrarConfig.DISABLED, BruteForce.DEFAULT);

  public SecurityConfig {
    access = access == null ? AccessControl.DEFAULT : access;
    registrar = registrar == null ? RegistrarConfig.DISABLED : registrar;
    bruteForce = bruteForce == null ? BruteForce.DEFAULT : bruteForce;
  }
}
