package io.opensbc.media.sdp;

import java.util.Locale;
import java.util.Objects;

/**
 * One line {@code <type>=<value>} of a session description (RFC 8866 §5), kept verbatim. For an
 * attribute ({@code a=}) the value is {@code <name>} or {@code <name>:<value>}.
 */
public record SdpLine(char type, String value) {

  public SdpLine {
    Objects.requireNonNull(value, "value");
  }

  /** A property attribute {@code a=<name>}. */
  public static SdpLine attribute(String name) {
    return new SdpLine('a', name);
  }

  /** A value attribute {@code a=<name>:<value>}. */
  public static SdpLine attribute(String name, String value) {
    return new SdpLine('a', name + ":" + value);
  }

  public boolean isAttribute() {
    return type == 'a';
  }

  /** Whether this is the attribute {@code name} (attribute names compare case-insensitively). */
  public boolean isAttribute(String name) {
    if (type != 'a' || !value.regionMatches(true, 0, name, 0, name.length())) {
      return false;
    }
    return value.length() == name.length() || value.charAt(name.length()) == ':';
  }

  /** The attribute name, lower-cased; empty for a line that is not an attribute. */
  public String attributeName() {
    if (type != 'a') {
      return "";
    }
    int colon = value.indexOf(':');
    return (colon < 0 ? value : value.substring(0, colon)).toLowerCase(Locale.ROOT);
  }

  /** The text after the first colon of an attribute; empty for a property attribute. */
  public String attributeValue() {
    int colon = value.indexOf(':');
    return colon < 0 ? "" : value.substring(colon + 1);
  }

  @Override
  public String toString() {
    return type + "=" + value;
  }
}
