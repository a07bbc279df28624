package io.opensbc.sip.transport.tls;

import io.opensbc.config.model.tls.ListenerTls;
import io.opensbc.config.model.tls.TrunkTls;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.ClientAuth;
import io.vertx.core.net.ClientSSLOptions;
import io.vertx.core.net.ServerSSLOptions;
import java.util.Date;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The TLS state of one listener: its certificate (checked at load), the server options made from
 * it, the client options per trunk for connections it opens, and a watch on the files. A changed
 * certificate is checked and, when good, handed to {@code onChange} (the listener swaps it in for
 * new connections; established ones keep theirs); a bad one is logged with its problem and the
 * current certificate stays.
 */
public final class ListenerTlsContext {
  private static final Logger LOG = Logger.getLogger(ListenerTlsContext.class.getName());

  private final String listener;
  private final ListenerTls config;
  private final Map<String, TrunkTls> trunks;
  private final Map<String, ClientSSLOptions> clientOptions = new ConcurrentHashMap<>();
  private volatile Credentials current;
  private volatile FileStamp lastSeen;
  private long timer = -1;

  public ListenerTlsContext(String listener, ListenerTls config, Map<String, TrunkTls> trunks) {
    this.listener = listener;
    this.config = config;
    this.trunks = Map.copyOf(trunks);
  }

  /** Reads and checks the certificate off the event loop; fails with a {@link CertificateProblem}. */
  public Future<Void> load(Vertx vertx) {
    return vertx.<Credentials>executeBlocking(this::read, false).map(c -> {
      current = c;
      lastSeen = c.stamp();
      return null;
    });
  }

  private Credentials read() throws CertificateProblem {
    return CredentialsLoader.load(config.certificate(), config.key(), config.password(), new Date());
  }

  /** The certificate in use. */
  public Credentials credentials() {
    return current;
  }

  /** Server options from the current certificate, the TLS policy and the client verification. */
  public ServerSSLOptions serverOptions() throws CertificateProblem {
    ServerSSLOptions o = TlsPolicy.apply(new ServerSSLOptions()).setKeyCertOptions(current.options());
    if (config.ca() != null) {
      o.setTrustOptions(CredentialsLoader.trust(config.ca()));
    }
    o.setClientAuth(switch (config.clientAuth()) {
      case NONE -> ClientAuth.NONE;
      case REQUEST -> ClientAuth.REQUEST;
      case REQUIRE -> ClientAuth.REQUIRED;
    });
    return o;
  }

  /** The trunk's TLS settings (defaults for a trunk without any, or for no trunk). */
  public TrunkTls trunk(String trunk) {
    TrunkTls t = trunk == null ? null : trunks.get(trunk);
    return t == null ? TrunkTls.DEFAULT : t;
  }

  /**
   * Client options towards a trunk: its trust store (else the JDK's), its client certificate (else
   * this listener's), the TLS policy. Names are checked by the caller after the handshake.
   */
  public ClientSSLOptions clientOptions(String trunk) throws CertificateProblem {
    String key = trunk == null ? "" : trunk;
    ClientSSLOptions cached = clientOptions.get(key);
    if (cached != null) {
      return cached;
    }
    TrunkTls t = trunk(trunk);
    ClientSSLOptions o = TlsPolicy.apply(new ClientSSLOptions()).setHostnameVerificationAlgorithm("");
    if (!t.verify()) {
      o.setTrustAll(true);
    } else if (t.ca() != null) {
      o.setTrustOptions(CredentialsLoader.trust(t.ca()));
    }
    if (t.certificate() != null) {
      o.setKeyCertOptions(CredentialsLoader.load(t.certificate(), t.key(), null, new Date()).options());
    } else {
      o.setKeyCertOptions(current.options());
    }
    clientOptions.put(key, o);
    return o;
  }

  /** Checks the files every {@code reload-interval}; a good new certificate goes to {@code onChange}. */
  public void watch(Vertx vertx, Consumer<ServerSSLOptions> onChange) {
    timer = vertx.setPeriodic(config.reloadInterval().toMillis(), id ->
        vertx.executeBlocking(() -> FileStamp.of(config.certificate(), config.key()), false).onSuccess(stamp -> {
          if (stamp.equals(lastSeen)) {
            return;
          }
          lastSeen = stamp;
          vertx.executeBlocking(this::read, false).onComplete(ar -> {
            if (ar.failed()) {
              LOG.severe("listener " + listener + ": the changed certificate is not used: "
                  + ar.cause().getMessage() + "; still using " + current.leaf().getSubjectX500Principal().getName()
                  + " valid until " + current.leaf().getNotAfter().toInstant());
              return;
            }
            current = ar.result();
            clientOptions.clear();
            try {
              onChange.accept(serverOptions());
              LOG.info("listener " + listener + ": certificate reloaded: "
                  + current.leaf().getSubjectX500Principal().getName() + " valid until "
                  + current.leaf().getNotAfter().toInstant());
            } catch (CertificateProblem e) {
              LOG.log(Level.SEVERE, "listener " + listener + ": " + e.getMessage());
            }
          });
        }));
  }

  public void stop(Vertx vertx) {
    if (timer >= 0) {
      vertx.cancelTimer(timer);
    }
  }
}
