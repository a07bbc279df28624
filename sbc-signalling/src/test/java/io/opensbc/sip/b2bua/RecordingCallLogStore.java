package io.opensbc.sip.b2bua;

import io.opensbc.sip.dialog.CallEvent;
import io.opensbc.sip.dialog.CallEventCodec;
import io.vertx.core.Future;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** Records what the B2BUA writes so tests can assert the event log of each call. */
final class RecordingCallLogStore implements CallLogStore {
  final Map<String, byte[]> logs = new ConcurrentHashMap<>();
  final Map<String, Long> versions = new ConcurrentHashMap<>();
  final Set<String> removed = ConcurrentHashMap.newKeySet();
  /** The final log of each ended call that had been stored. */
  final Map<String, byte[]> ended = new ConcurrentHashMap<>();

  @Override
  public Future<Void> put(String callRef, long version, byte[] log) {
    versions.merge(callRef, version, Math::max);
    if (versions.get(callRef) == version && !removed.contains(callRef)) {
      logs.put(callRef, log);
    }
    return Future.succeededFuture();
  }

  @Override
  public Future<byte[]> get(String callRef) {
    return Future.succeededFuture(logs.get(callRef));
  }

  @Override
  public Future<Void> remove(String callRef, long version) {
    removed.add(callRef);
    logs.remove(callRef);
    return Future.succeededFuture();
  }

  @Override
  public Future<Void> ended(String callRef, long version, byte[] finalLog) {
    ended.put(callRef, finalLog);
    return remove(callRef, version);
  }

  List<CallEvent> endedEvents(String callRef) {
    byte[] b = ended.get(callRef);
    return b == null ? List.of() : CallEventCodec.decode(b);
  }

  @Override
  public Future<Set<String>> callRefs() {
    return Future.succeededFuture(Set.copyOf(logs.keySet()));
  }

  List<CallEvent> events(String callRef) {
    byte[] b = logs.get(callRef);
    return b == null ? List.of() : CallEventCodec.decode(b);
  }
}
