package io.opensbc.cluster.store;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import io.opensbc.sip.security.Binding;
import io.opensbc.sip.security.Bindings;
import io.opensbc.sip.security.LocationStore;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.function.UnaryOperator;

/**
 * The location service in the Hazelcast map {@value #MAP}, shared by every node: one entry per
 * address-of-record holding its bindings ({@link Bindings} text form), with a TTL of its latest
 * expiry so an AOR nobody refreshes disappears by itself. An update holds the key's lock across
 * read-modify-write (on a worker thread), so two nodes' REGISTERs for one user never lose one
 * another's contact. The nonce secret lives under a reserved key of {@value #SECRETS}.
 */
public final class HazelcastLocationStore implements LocationStore {
  public static final String MAP = "sbc.locations";
  public static final String SECRETS = "sbc.secrets";

  private final Vertx vertx;
  private final IMap<String, String> map;
  private final IMap<String, byte[]> secrets;
  private final LongSupplier clock;

  public HazelcastLocationStore(Vertx vertx, HazelcastInstance hz) {
    this.vertx = vertx;
    this.map = hz.getMap(MAP);
    this.secrets = hz.getMap(SECRETS);
    this.clock = System::currentTimeMillis;
  }

  @Override
  public Future<List<Binding>> lookup(String aor) {
    return HazelcastFutures.onCallerContext(map.getAsync(aor))
        .map(text -> Bindings.live(Bindings.decode(text), clock.getAsLong()));
  }

  @Override
  public Future<List<Binding>> update(String aor, UnaryOperator<List<Binding>> change) {
    return vertx.executeBlocking(() -> {
      map.lock(aor);
      try {
        long now = clock.getAsLong();
        List<Binding> next = List.copyOf(change.apply(Bindings.live(Bindings.decode(map.get(aor)), now)));
        if (next.isEmpty()) {
          map.delete(aor);
        } else {
          long last = next.stream().mapToLong(Binding::expiresAtMillis).max().orElse(now);
          map.set(aor, Bindings.encode(next), Math.max(1, last - now + 1000), TimeUnit.MILLISECONDS);
        }
        return next;
      } finally {
        map.unlock(aor);
      }
    }, false);
  }

  @Override
  public Future<byte[]> sharedSecret(byte[] proposal) {
    return vertx.executeBlocking(() -> {
      byte[] old = secrets.putIfAbsent("registrar.nonce", proposal);
      return old == null ? proposal.clone() : old;
    }, false);
  }
}
