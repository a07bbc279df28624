package io.opensbc.sip.routing.dns;

import io.opensbc.sip.routing.dns.DnsRecord.CnameRecord;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The answer section read for one question (RFC 1034 §4.3.2 step 3a): the records of the question's
 * type at the question's name, or else at the end of the CNAME chain starting there.
 *
 * @param target the name the chain ends at (the question's name when there is no alias)
 * @param records the records of the type at {@code target}, possibly none
 * @param ttl the smallest TTL of the CNAMEs and records used, Long.MAX_VALUE when none was used
 * @param aliases how many CNAMEs were followed
 * @param loop whether the chain came back to a name already visited
 */
record CnameChain(String target, List<DnsRecord> records, long ttl, int aliases, boolean loop) {

  static CnameChain follow(DnsQuestion q, List<DnsRecord> answers) {
    String name = q.name();
    long ttl = Long.MAX_VALUE;
    Set<String> seen = new HashSet<>();
    int aliases = 0;
    while (seen.add(name.toLowerCase(Locale.ROOT))) {
      List<DnsRecord> found = new ArrayList<>();
      CnameRecord alias = null;
      for (DnsRecord r : answers) {
        if (!r.name().equalsIgnoreCase(name)) {
          continue;
        }
        if (r.type() == q.type()) {
          found.add(r);
        } else if (r instanceof CnameRecord c && alias == null) {
          alias = c;
        }
      }
      if (!found.isEmpty()) {
        for (DnsRecord r : found) {
          ttl = Math.min(ttl, r.ttl());
        }
        return new CnameChain(name, found, ttl, aliases, false);
      }
      if (alias == null) {
        return new CnameChain(name, List.of(), ttl, aliases, false);
      }
      ttl = Math.min(ttl, alias.ttl());
      aliases++;
      name = DnsNames.stripDot(alias.target());
    }
    return new CnameChain(name, List.of(), ttl, aliases, true);
  }
}
