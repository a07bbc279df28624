package io.opensbc.cluster.store;

import com.hazelcast.map.EntryProcessor;
import com.hazelcast.map.ExtendedMapEntry;
import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.DataSerializable;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs on the partition that owns a call's log: writes the new log (or a tombstone) only when its
 * version is newer than what is stored and the call has not ended. Atomic per key, no read-modify
 * -write round trip, no wall clock.
 */
public final class VersionedWrite implements EntryProcessor<String, byte[], Boolean>, DataSerializable {
  private long version;
  private boolean tombstone;
  private long tombstoneTtlSeconds;
  private byte[] log;

  public VersionedWrite() {}

  VersionedWrite(long version, boolean tombstone, long tombstoneTtlSeconds, byte[] log) {
    this.version = version;
    this.tombstone = tombstone;
    this.tombstoneTtlSeconds = tombstoneTtlSeconds;
    this.log = log;
  }

  @Override
  public Boolean process(Map.Entry<String, byte[]> entry) {
    byte[] current = entry.getValue();
    if (current != null && (StoredLog.isTombstone(current) || StoredLog.version(current) >= version)) {
      return false;
    }
    byte[] value = StoredLog.wrap(version, tombstone, log);
    if (tombstone && entry instanceof ExtendedMapEntry<String, byte[]> ext) {
      ext.setValue(value, tombstoneTtlSeconds, TimeUnit.SECONDS);
    } else {
      entry.setValue(value);
    }
    return true;
  }

  @Override
  public void writeData(ObjectDataOutput out) throws IOException {
    out.writeLong(version);
    out.writeBoolean(tombstone);
    out.writeLong(tombstoneTtlSeconds);
    out.writeByteArray(log);
  }

  @Override
  public void readData(ObjectDataInput in) throws IOException {
    version = in.readLong();
    tombstone = in.readBoolean();
    tombstoneTtlSeconds = in.readLong();
    log = in.readByteArray();
  }
}
