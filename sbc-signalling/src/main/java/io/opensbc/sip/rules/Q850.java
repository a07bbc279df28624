package io.opensbc.sip.rules;

import java.util.Map;

/**
 * The shipped SIP &lt;-&gt; Q.850 cause table: SIP status to ISUP cause after RFC 3398 §7.2.4.1 (and
 * RFC 4497 for QSIG, which uses the same causes), ISUP cause to SIP status after RFC 3398 §8.2.6.1;
 * carried in a {@code Reason: Q.850;cause=N} header (RFC 3326, RFC 6432). Trunk entries override it.
 */
public final class Q850 {
  private static final Map<Integer, Integer> CAUSE_OF_STATUS = Map.ofEntries(
      Map.entry(400, 41), Map.entry(401, 21), Map.entry(402, 21), Map.entry(403, 21),
      Map.entry(404, 1), Map.entry(405, 63), Map.entry(406, 79), Map.entry(407, 21),
      Map.entry(408, 102), Map.entry(410, 22), Map.entry(413, 127), Map.entry(414, 127),
      Map.entry(415, 79), Map.entry(416, 127), Map.entry(420, 127), Map.entry(421, 127),
      Map.entry(423, 127), Map.entry(480, 18), Map.entry(481, 41), Map.entry(482, 25),
      Map.entry(483, 25), Map.entry(484, 28), Map.entry(485, 1), Map.entry(486, 17),
      Map.entry(488, 127), Map.entry(500, 41), Map.entry(501, 79), Map.entry(502, 38),
      Map.entry(503, 41), Map.entry(504, 102), Map.entry(505, 127), Map.entry(513, 127),
      Map.entry(600, 17), Map.entry(603, 21), Map.entry(604, 1), Map.entry(606, 58));

  private static final Map<Integer, Integer> STATUS_OF_CAUSE = Map.ofEntries(
      Map.entry(1, 404), Map.entry(2, 404), Map.entry(3, 404), Map.entry(17, 486),
      Map.entry(18, 408), Map.entry(19, 480), Map.entry(20, 480), Map.entry(21, 403),
      Map.entry(22, 410), Map.entry(23, 410), Map.entry(26, 404), Map.entry(27, 502),
      Map.entry(28, 484), Map.entry(29, 501), Map.entry(31, 480), Map.entry(34, 503),
      Map.entry(38, 503), Map.entry(41, 503), Map.entry(42, 503), Map.entry(47, 503),
      Map.entry(55, 403), Map.entry(57, 403), Map.entry(58, 503), Map.entry(65, 488),
      Map.entry(69, 501), Map.entry(70, 488), Map.entry(79, 501), Map.entry(87, 403),
      Map.entry(88, 503), Map.entry(102, 504), Map.entry(111, 500), Map.entry(127, 500));

  private Q850() {}

  /** The Q.850 cause for a SIP failure status; 0 when the table has none. */
  public static int causeOf(int status) {
    Integer c = CAUSE_OF_STATUS.get(status);
    if (c != null) {
      return c;
    }
    // RFC 3398 §7.2.4.1: other codes map by class
    if (status >= 400 && status < 500) {
      return 21;
    }
    if (status >= 500 && status < 600) {
      return 41;
    }
    return status >= 600 && status < 700 ? 31 : 0;
  }

  /** The SIP status for a Q.850 cause (RFC 3398 §8.2.6.1); 500 for causes without an entry. */
  public static int statusOf(int cause) {
    return STATUS_OF_CAUSE.getOrDefault(cause, 500);
  }

  /** The Q.850 cause of the first {@code Q.850} element of Reason header values; 0 when none. */
  public static int causeIn(java.util.List<String> reasonValues) {
    for (String v : reasonValues) {
      if (isQ850(v)) {
        var p = MessageEdit.headerParams(v);
        String c = p == null ? null : p.get("cause");
        if (c != null) {
          try {
            return Integer.parseInt(c.trim());
          } catch (NumberFormatException e) {
            return 0;
          }
        }
      }
    }
    return 0;
  }

  static boolean isQ850(String reasonValue) {
    return reasonValue.regionMatches(true, 0, "Q.850", 0, 5)
        && (reasonValue.length() == 5 || reasonValue.charAt(5) == ';' || reasonValue.charAt(5) == ' ');
  }
}
