package io.opensbc.sip.routing.dns;

import io.opensbc.sip.routing.dns.DnsRecord.SrvRecord;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedList;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * The order to contact the targets of an SRV RRset in (RFC 2782, "Usage rules"): lowest priority
 * first; within one priority a weighted random order, so that a target of weight w is first with
 * probability about w / (sum of weights). Targets of "." (service not available) are dropped.
 */
public final class SrvOrder {
  private SrvOrder() {}

  public static List<SrvRecord> order(List<SrvRecord> records, RandomGenerator random) {
    List<SrvRecord> sorted = new ArrayList<>();
    for (SrvRecord r : records) {
      if (!r.target().isEmpty()) {
        sorted.add(r);
      }
    }
    sorted.sort(Comparator.comparingInt(SrvRecord::priority));
    List<SrvRecord> out = new ArrayList<>(sorted.size());
    int i = 0;
    while (i < sorted.size()) {
      int j = i;
      while (j < sorted.size() && sorted.get(j).priority() == sorted.get(i).priority()) {
        j++;
      }
      out.addAll(byWeight(sorted.subList(i, j), random));
      i = j;
    }
    return out;
  }

  /**
   * RFC 2782: "arrange all SRV RRs (that have not been ordered yet) in any order, except that all
   * those with weight 0 are placed at the beginning of the list. Compute the sum of the weights
   * ... choose a uniform random number between 0 and the sum computed (inclusive), and select the
   * RR whose running sum value is the first in the selected order which is greater than or equal
   * to the random number selected." Repeated until none is left.
   */
  private static List<SrvRecord> byWeight(List<SrvRecord> samePriority, RandomGenerator random) {
    LinkedList<SrvRecord> left = new LinkedList<>();
    for (SrvRecord r : samePriority) {
      if (r.weight() == 0) {
        left.add(r);
      }
    }
    for (SrvRecord r : samePriority) {
      if (r.weight() != 0) {
        left.add(r);
      }
    }
    List<SrvRecord> out = new ArrayList<>(left.size());
    while (!left.isEmpty()) {
      long sum = 0;
      for (SrvRecord r : left) {
        sum += r.weight();
      }
      long pick = random.nextLong(sum + 1);
      long running = 0;
      var it = left.iterator();
      while (it.hasNext()) {
        SrvRecord r = it.next();
        running += r.weight();
        if (running >= pick) {
          out.add(r);
          it.remove();
          break;
        }
      }
    }
    return out;
  }
}
