package io.opensbc.sip.security;

import io.vertx.core.Future;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import java.util.function.UnaryOperator;

/** The location service of a node alone (and the unit tests' twin of the Hazelcast store). */
public final class InMemoryLocationStore implements LocationStore {
  private final Map<String, List<Binding>> map = new ConcurrentHashMap<>();
  private final LongSupplier clock;
  private volatile byte[] secret;

  public InMemoryLocationStore(LongSupplier clockMillis) {
    this.clock = clockMillis;
  }

  public InMemoryLocationStore() {
    this(System::currentTimeMillis);
  }

  @Override
  public Future<List<Binding>> lookup(String aor) {
    return Future.succeededFuture(Bindings.live(map.getOrDefault(aor, List.of()), clock.getAsLong()));
  }

  @Override
  public Future<List<Binding>> update(String aor, UnaryOperator<List<Binding>> change) {
    List<Binding> out = map.compute(aor, (k, old) -> {
      List<Binding> next = List.copyOf(change.apply(Bindings.live(old == null ? List.of() : old, clock.getAsLong())));
      return next.isEmpty() ? null : next;
    });
    return Future.succeededFuture(out == null ? List.of() : out);
  }

  @Override
  public synchronized Future<byte[]> sharedSecret(byte[] proposal) {
    if (secret == null) {
      secret = proposal.clone();
    }
    return Future.succeededFuture(secret.clone());
  }

  public int size() {
    return map.size();
  }
}
