package io.opensbc.sip.routing.health;

import io.opensbc.sip.message.HeaderNames;
import io.opensbc.sip.message.Headers;
import io.opensbc.sip.message.Tokens;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * What a target says it can do in its answer to OPTIONS (RFC 3261 §11.2): the methods of its
 * Allow header, the option tags of Supported, the media types of Accept. Order is kept, duplicates
 * and malformed items dropped, and each list holds at most {@link #MAX_ITEMS} items of at most
 * {@link #MAX_ITEM_LENGTH} characters, since the lists are stored with the target's health.
 *
 * @param allow methods as written (methods are case-sensitive, RFC 3261 §7.1)
 * @param supported option tags as written
 * @param accept media types without parameters, lower-cased ({@code application/sdp})
 */
public record Capabilities(List<String> allow, List<String> supported, List<String> accept) {
  public static final int MAX_ITEMS = 32;
  public static final int MAX_ITEM_LENGTH = 64;
  public static final Capabilities EMPTY = new Capabilities(List.of(), List.of(), List.of());
  private static final String ACCEPT = "Accept";

  public Capabilities {
    allow = List.copyOf(allow);
    supported = List.copyOf(supported);
    accept = List.copyOf(accept);
  }

  /** The capabilities in a response's headers (compact {@code k:} for Supported included). */
  public static Capabilities of(Headers headers) {
    return new Capabilities(items(headers, HeaderNames.ALLOW, false), items(headers, HeaderNames.SUPPORTED, false),
        items(headers, ACCEPT, true));
  }

  public boolean isEmpty() {
    return allow.isEmpty() && supported.isEmpty() && accept.isEmpty();
  }

  public boolean allows(String method) {
    return allow.contains(method);
  }

  /** Option tags compare ignoring case: peers write {@code Timer} as often as {@code timer}. */
  public boolean supports(String optionTag) {
    for (String s : supported) {
      if (s.equalsIgnoreCase(optionTag)) {
        return true;
      }
    }
    return false;
  }

  public boolean accepts(String mediaType) {
    return accept.contains(mediaType.toLowerCase(Locale.ROOT));
  }

  private static List<String> items(Headers headers, String name, boolean mediaTypes) {
    Set<String> out = new LinkedHashSet<>();
    for (String line : headers.values(name)) {
      for (String item : Headers.splitList(line)) {
        String v = mediaTypes ? mediaType(item) : item;
        if (v != null && out.size() < MAX_ITEMS && v.length() <= MAX_ITEM_LENGTH
            && (mediaTypes || Tokens.isToken(v))) {
          out.add(v);
        }
      }
    }
    return new ArrayList<>(out);
  }

  /** {@code type/subtype} of an Accept item without its parameters, or null when malformed. */
  private static String mediaType(String item) {
    int semi = item.indexOf(';');
    String range = (semi < 0 ? item : item.substring(0, semi)).trim().toLowerCase(Locale.ROOT);
    int slash = range.indexOf('/');
    if (slash <= 0 || slash == range.length() - 1) {
      return null;
    }
    String type = range.substring(0, slash).trim();
    String sub = range.substring(slash + 1).trim();
    return Tokens.isToken(type) && Tokens.isToken(sub) ? type + "/" + sub : null;
  }
}
