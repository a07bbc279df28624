package io.opensbc.sip.security;

import io.opensbc.config.model.SbcConfig;
import io.opensbc.config.model.Transport;
import io.opensbc.config.model.TrunkConfig;
import io.opensbc.config.model.security.RegistrarConfig;
import io.vertx.core.Future;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;

/** Builds the node's security services from the configuration. */
public final class Security {
  /** The host of the stand-in trunk that names the registered users (never a real address). */
  public static final String REGISTERED_USERS_HOST = "registered-users.invalid";

  private Security() {}

  /**
   * The registrar of the configuration, or null when it is disabled; the nonce secret is the
   * configured one or the cluster's (the first node's random one).
   */
  public static Future<Registrar> registrar(SbcConfig config, LocationStore locations, AuthFailureStore failures) {
    RegistrarConfig r = config.security().registrar();
    if (!r.enabled()) {
      return Future.succeededFuture(null);
    }
    Future<byte[]> secret;
    if (r.nonceSecret() != null) {
      secret = Future.succeededFuture(r.nonceSecret().getBytes(java.nio.charset.StandardCharsets.UTF_8));
    } else {
      byte[] proposal = new byte[32];
      new SecureRandom().nextBytes(proposal);
      secret = locations.sharedSecret(proposal);
    }
    return secret.map(key -> {
      NonceService nonces = new NonceService(key, r.realm(), r.nonceLifetime().toMillis());
      DigestAuth auth = new DigestAuth(r.realm(), r.algorithms(), r.users(), nonces);
      return new Registrar(r, config.security().bruteForce(), auth, locations, failures, config.node().name(),
          System::currentTimeMillis);
    });
  }

  /**
   * The trunks routes may name: the configured ones and, with the registrar enabled, a stand-in
   * for the registered users (its host is never a source, its calls go to bindings).
   */
  public static List<TrunkConfig> routeTrunks(SbcConfig config) {
    RegistrarConfig r = config.security().registrar();
    if (!r.enabled()) {
      return config.trunks();
    }
    List<TrunkConfig> out = new ArrayList<>(config.trunks());
    out.add(new TrunkConfig(r.trunk(), REGISTERED_USERS_HOST, 5060, Transport.UDP, null));
    return out;
  }
}
