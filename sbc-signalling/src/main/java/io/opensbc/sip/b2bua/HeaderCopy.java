package io.opensbc.sip.b2bua;

import io.opensbc.sip.message.HeaderField;
import io.opensbc.sip.message.HeaderNames;
import io.opensbc.sip.message.Headers;
import java.util.Set;

/**
 * Which headers cross the B2BUA from one leg to the other: everything except the headers that
 * carry one side's topology or transaction/dialog identity, which each leg makes for itself.
 */
final class HeaderCopy {
  private static final Set<String> PER_LEG = Set.of(
      HeaderNames.VIA, HeaderNames.ROUTE, HeaderNames.RECORD_ROUTE, HeaderNames.CONTACT,
      HeaderNames.CALL_ID, HeaderNames.CSEQ, HeaderNames.FROM, HeaderNames.TO,
      HeaderNames.MAX_FORWARDS, HeaderNames.CONTENT_LENGTH, "Path", "Service-Route");

  private HeaderCopy() {}

  static void endToEnd(Headers from, Headers.Builder to) {
    for (HeaderField f : from.fields()) {
      if (!PER_LEG.contains(f.name())) {
        to.add(f);
      }
    }
  }

  /** Like {@link #endToEnd} but keeps Contact (a 3xx's redirect targets). */
  static void endToEndWithContact(Headers from, Headers.Builder to) {
    for (HeaderField f : from.fields()) {
      if (!PER_LEG.contains(f.name()) || f.name().equals(HeaderNames.CONTACT)) {
        to.add(f);
      }
    }
  }
}
