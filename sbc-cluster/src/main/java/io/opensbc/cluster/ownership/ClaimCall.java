package io.opensbc.cluster.ownership;

import com.hazelcast.map.EntryProcessor;
import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.DataSerializable;
import java.io.IOException;
import java.util.Map;

/**
 * A fenced compare-and-set of a call's owner, run on the partition that holds the claim: it
 * succeeds only when the claim is still the one the claimant saw ({@code expectedEpoch}, and the
 * owner it saw), so of two nodes adopting the same call exactly one wins. Returns the new epoch,
 * or -1 when another node got there first. No wall clock.
 */
public final class ClaimCall implements EntryProcessor<String, String, Long>, DataSerializable {
  private String expectedOwner;
  private long expectedEpoch;
  private String claimant;

  public ClaimCall() {}

  ClaimCall(String expectedOwner, long expectedEpoch, String claimant) {
    this.expectedOwner = expectedOwner;
    this.expectedEpoch = expectedEpoch;
    this.claimant = claimant;
  }

  @Override
  public Long process(Map.Entry<String, String> entry) {
    Claim current = Claim.parse(entry.getValue());
    long epoch = current == null ? 0 : current.epoch();
    if (epoch != expectedEpoch || current != null && !current.node().equals(expectedOwner)) {
      return -1L;
    }
    entry.setValue(new Claim(claimant, epoch + 1).stored());
    return epoch + 1;
  }

  @Override
  public void writeData(ObjectDataOutput out) throws IOException {
    out.writeString(expectedOwner);
    out.writeLong(expectedEpoch);
    out.writeString(claimant);
  }

  @Override
  public void readData(ObjectDataInput in) throws IOException {
    expectedOwner = in.readString();
    expectedEpoch = in.readLong();
    claimant = in.readString();
  }
}
