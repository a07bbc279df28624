package io.opensbc.sip.message;

import java.util.Locale;
import java.util.Set;

/** Canonical header names (RFC 3261 §7.3.3 compact forms expanded) and which headers are comma lists. */
public final class HeaderNames {
  public static final String VIA = "Via";
  public static final String FROM = "From";
  public static final String TO = "To";
  public static final String CALL_ID = "Call-ID";
  public static final String CSEQ = "CSeq";
  public static final String CONTACT = "Contact";
  public static final String MAX_FORWARDS = "Max-Forwards";
  public static final String CONTENT_LENGTH = "Content-Length";
  public static final String CONTENT_TYPE = "Content-Type";
  public static final String ROUTE = "Route";
  public static final String RECORD_ROUTE = "Record-Route";
  public static final String ALLOW = "Allow";
  public static final String SUPPORTED = "Supported";
  public static final String REQUIRE = "Require";
  public static final String PROXY_REQUIRE = "Proxy-Require";
  public static final String UNSUPPORTED = "Unsupported";
  public static final String RETRY_AFTER = "Retry-After";
  public static final String USER_AGENT = "User-Agent";
  public static final String SERVER = "Server";
  public static final String REASON = "Reason";
  public static final String RSEQ = "RSeq";
  public static final String RACK = "RAck";
  public static final String WARNING = "Warning";

  /**
   * Spellings (lower case: long names and compact forms) and their canonical names, in an
   * open-addressing table hashed case-insensitively, so a lookup never lower-cases (allocates).
   */
  private static final int TABLE = 256;
  private static final String[] KEYS = new String[TABLE];
  private static final String[] NAMES = new String[TABLE];
  private static final Set<String> LIST_HEADERS;
  /**
   * For each length below 64, a bit per first letter (case folded, low six bits) of the spellings
   * of that length: a name with no bit set is no known spelling, so it is canonical as it is
   * (X- headers, for one) without hashing its characters.
   */
  private static final long[] FIRST_LETTERS = new long[64];
  /**
   * The canonical spellings by their (cached) String hash, open-addressed, with whether each is a
   * list header: a name that is already one of these constants (the usual case: the parser and
   * the rule compiler hand them out) is recognised by reference, without hashing its characters.
   */
  private static final int SEEN = 512;
  private static final String[] CANONICAL = new String[SEEN];
  private static final boolean[] CANONICAL_IS_LIST = new boolean[SEEN];

  static {
    String[] known = {
      VIA, FROM, TO, CALL_ID, CSEQ, CONTACT, MAX_FORWARDS, CONTENT_LENGTH, CONTENT_TYPE, ROUTE,
      RECORD_ROUTE, ALLOW, SUPPORTED, REQUIRE, PROXY_REQUIRE, UNSUPPORTED, RETRY_AFTER, USER_AGENT,
      SERVER, REASON, RSEQ, RACK, WARNING, "Accept", "Accept-Encoding", "Accept-Language",
      "Alert-Info", "Allow-Events", "Authentication-Info", "Authorization", "Call-Info",
      "Content-Disposition", "Content-Encoding", "Content-Language", "Date", "Error-Info", "Event",
      "Expires", "In-Reply-To", "MIME-Version", "Min-Expires", "Min-SE", "Organization",
      "P-Asserted-Identity", "P-Preferred-Identity", "Path", "Priority", "Privacy",
      "Proxy-Authenticate", "Proxy-Authorization", "Refer-To", "Referred-By", "Replaces",
      "Reply-To", "Session-Expires", "Subject", "Subscription-State", "Timestamp",
      "WWW-Authenticate", "Identity", "Request-Disposition", "Accept-Contact", "Reject-Contact"
    };
    for (String k : known) {
      put(k.toLowerCase(Locale.ROOT), k);
    }
    String[][] compact = {
      {"v", VIA}, {"i", CALL_ID}, {"m", CONTACT}, {"f", FROM}, {"t", TO}, {"l", CONTENT_LENGTH},
      {"c", CONTENT_TYPE}, {"k", SUPPORTED}, {"s", "Subject"}, {"e", "Content-Encoding"},
      {"o", "Event"}, {"u", "Allow-Events"}, {"r", "Refer-To"}, {"b", "Referred-By"},
      {"x", "Session-Expires"}, {"y", "Identity"}, {"a", "Accept-Contact"}, {"j", "Reject-Contact"},
      {"d", "Request-Disposition"}
    };
    for (String[] c : compact) {
      put(c[0], c[1]);
    }
    LIST_HEADERS = Set.of(
        VIA, ROUTE, RECORD_ROUTE, CONTACT, ALLOW, SUPPORTED, REQUIRE, PROXY_REQUIRE, UNSUPPORTED,
        "Accept", "Accept-Encoding", "Accept-Language", "Alert-Info", "Allow-Events", "Call-Info",
        "Content-Encoding", "Content-Language", "Error-Info", "In-Reply-To", "P-Asserted-Identity",
        "P-Preferred-Identity", "Path", "Privacy", REASON, WARNING, "Accept-Contact",
        "Reject-Contact", "Request-Disposition");
    for (String n : NAMES) {
      if (n != null) {
        int i = seen(n);
        while (CANONICAL[i] != null && CANONICAL[i] != n) {
          i = (i + 1) & (SEEN - 1);
        }
        CANONICAL[i] = n;
        CANONICAL_IS_LIST[i] = LIST_HEADERS.contains(n);
      }
    }
  }

  /** Where the name is in {@link #CANONICAL} when it is one of the constants itself, else -1. */
  private static int constant(String name) {
    for (int i = seen(name); CANONICAL[i] != null; i = (i + 1) & (SEEN - 1)) {
      if (CANONICAL[i] == name) {
        return i;
      }
    }
    return -1;
  }

  private static int seen(String name) {
    int h = name.hashCode();
    return (h ^ h >>> 16) & (SEEN - 1);
  }

  private HeaderNames() {}

  private static void put(String lowerKey, String name) {
    int i = hash(lowerKey) & (TABLE - 1);
    while (KEYS[i] != null) {
      i = (i + 1) & (TABLE - 1);
    }
    KEYS[i] = lowerKey;
    NAMES[i] = name;
    FIRST_LETTERS[lowerKey.length()] |= 1L << lowerKey.charAt(0);
  }

  /** A hash that ignores ASCII case (header names are tokens). */
  private static int hash(String s) {
    int h = 0;
    for (int i = 0; i < s.length(); i++) {
      h = 31 * h + (s.charAt(i) | 0x20);
    }
    return h ^ h >>> 8;
  }

  /** The canonical spelling of a header name: compact forms expanded, known names in RFC case. */
  public static String canonical(String name) {
    if (constant(name) >= 0) {
      return name;
    }
    int len = name.length();
    if (len == 0 || len >= FIRST_LETTERS.length || (FIRST_LETTERS[len] & 1L << (name.charAt(0) | 0x20)) == 0) {
      return name;
    }
    int i = hash(name) & (TABLE - 1);
    for (String k; (k = KEYS[i]) != null; i = (i + 1) & (TABLE - 1)) {
      String n = NAMES[i];
      if (n == name || k.length() == name.length() && k.equalsIgnoreCase(name)) {
        return n;
      }
    }
    return name;
  }

  /** True when the header's grammar is a comma-separated list (RFC 3261 §7.3.1). */
  public static boolean isList(String canonicalName) {
    int i = constant(canonicalName);
    return i >= 0 ? CANONICAL_IS_LIST[i] : LIST_HEADERS.contains(canonicalName);
  }
}
