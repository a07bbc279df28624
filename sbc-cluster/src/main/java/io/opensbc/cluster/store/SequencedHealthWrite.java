package io.opensbc.cluster.store;

import com.hazelcast.map.EntryProcessor;
import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.DataSerializable;
import io.opensbc.sip.routing.health.TargetHealthCodec;
import java.io.IOException;
import java.util.Map;

/**
 * Runs on the partition that owns a target's health: writes the new record only when its sequence
 * number is higher than the stored one ({@link TargetHealthCodec#seq} reads it from any format
 * version). Atomic per key, no read-modify-write round trip, no wall clock. Returns whether it
 * wrote.
 */
public final class SequencedHealthWrite implements EntryProcessor<String, byte[], Boolean>, DataSerializable {
  private byte[] record;

  public SequencedHealthWrite() {}

  SequencedHealthWrite(byte[] record) {
    this.record = record;
  }

  @Override
  public Boolean process(Map.Entry<String, byte[]> entry) {
    byte[] current = entry.getValue();
    if (current != null && TargetHealthCodec.seq(current) >= TargetHealthCodec.seq(record)) {
      return false;
    }
    entry.setValue(record);
    return true;
  }

  @Override
  public void writeData(ObjectDataOutput out) throws IOException {
    out.writeByteArray(record);
  }

  @Override
  public void readData(ObjectDataInput in) throws IOException {
    record = in.readByteArray();
  }
}
