package io.opensbc.config.model.rules;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A part of a SIP message a rule reads or writes, written in the configuration as {@code
 * request-uri[.user|.host|.param.NAME]}, {@code
 * HEADER[.user|.host|.display|.param.NAME|.uri-param.NAME]}, {@code status} or {@code
 * reason-phrase}. Parse one with {@link #parse(String)}.
 *
 * @param source where the value lives
 * @param header the header name as written (for {@link Source#HEADER}), else null
 * @param part which part of it
 * @param param the parameter name for {@link Part#PARAM} and {@link Part#URI_PARAM}, else null
 * @param text the reference as written, for messages and rule traces
 */
public record FieldRef(Source source, String header, Part part, String param, String text) {
  /** How a field reference is written, for {@code (allowed: ...)}. */
  public static final String ALLOWED =
      "request-uri[.user|.host|.param.NAME],"
          + " HEADER[.user|.host|.display|.param.NAME|.uri-param.NAME], status, reason-phrase";

  /** What {@code remove} accepts, for {@code (allowed: ...)}. */
  public static final String REMOVABLE =
      "HEADER, HEADER.display, HEADER.param.NAME, HEADER.uri-param.NAME, request-uri.param.NAME";

  /** A header name: an RFC 3261 token without {@code .} (the dot separates the part). */
  private static final Pattern HEADER_NAME = Pattern.compile("[A-Za-z0-9!%*_+`'~-]+");

  private static final Pattern PARAM_NAME = Pattern.compile("[A-Za-z0-9!%*_+`'~.-]+");

  /** Headers the SBC writes per leg (long and compact forms, lower case). */
  private static final Set<String> RESERVED =
      Set.of(
          "via",
          "v",
          "route",
          "record-route",
          "call-id",
          "i",
          "cseq",
          "max-forwards",
          "content-length",
          "l",
          "contact",
          "m");

  private static final Set<String> FROM_TO = Set.of("from", "f", "to", "t");

  public enum Source {
    REQUEST_URI,
    HEADER,
    STATUS,
    REASON_PHRASE
  }

  public enum Part {
    /** The whole value: the Request-URI, the first value of the header, the status code. */
    VALUE,
    /** The user part of the URI (of the Request-URI, or of a name-addr header's URI). */
    USER,
    HOST,
    /** The display name of a name-addr header. */
    DISPLAY,
    /**
     * A parameter of the header value (after the {@code >} of a name-addr), or of the Request-URI.
     */
    PARAM,
    /** A parameter of the URI inside a name-addr header. */
    URI_PARAM
  }

  /**
   * Parses a field reference as written in the configuration. The keywords {@code request-uri},
   * {@code status}, {@code reason-phrase} and the part names are case-insensitive; a header name is
   * kept as written (compact forms such as {@code f} are allowed).
   */
  public static Parsed<FieldRef> parse(String text) {
    if (text == null || text.isEmpty()) {
      return Parsed.error("'' is not a field (allowed: " + ALLOWED + ")");
    }
    int dot = text.indexOf('.');
    String head = dot < 0 ? text : text.substring(0, dot);
    String rest = dot < 0 ? null : text.substring(dot + 1);
    String lower = head.toLowerCase(Locale.ROOT);
    Source source;
    String subject;
    if (lower.equals("request-uri")) {
      source = Source.REQUEST_URI;
      subject = "request-uri";
    } else if (lower.equals("status") || lower.equals("reason-phrase")) {
      source = lower.equals("status") ? Source.STATUS : Source.REASON_PHRASE;
      subject = lower;
    } else if (HEADER_NAME.matcher(head).matches()) {
      source = Source.HEADER;
      subject = "a header";
    } else {
      return Parsed.error("'" + text + "' is not a field (allowed: " + ALLOWED + ")");
    }
    String header = source == Source.HEADER ? head : null;
    if (rest == null) {
      return Parsed.ok(new FieldRef(source, header, Part.VALUE, null, text));
    }
    String partName = rest;
    String param = null;
    int paramDot = rest.indexOf('.');
    if (paramDot >= 0) {
      partName = rest.substring(0, paramDot);
      param = rest.substring(paramDot + 1);
    }
    Part part = part(partName.toLowerCase(Locale.ROOT), source);
    boolean takesParam = part == Part.PARAM || part == Part.URI_PARAM;
    if (part == null || (param != null && !takesParam)) {
      return Parsed.error(
          "'"
              + text
              + "' is not a field: "
              + subject
              + " has no part '"
              + rest
              + "' (allowed: "
              + ALLOWED
              + ")");
    }
    if (takesParam && (param == null || param.isEmpty())) {
      return Parsed.error(
          "'"
              + text
              + "' is not a field: the parameter name is missing (allowed: "
              + ALLOWED
              + ")");
    }
    if (takesParam && !PARAM_NAME.matcher(param).matches()) {
      return Parsed.error(
          "'"
              + text
              + "' is not a field: '"
              + param
              + "' is not a parameter name (allowed: "
              + ALLOWED
              + ")");
    }
    return Parsed.ok(new FieldRef(source, header, part, param, text));
  }

  private static Part part(String name, Source source) {
    if (source == Source.STATUS || source == Source.REASON_PHRASE) {
      return null;
    }
    boolean header = source == Source.HEADER;
    return switch (name) {
      case "user" -> Part.USER;
      case "host" -> Part.HOST;
      case "display" -> header ? Part.DISPLAY : null;
      case "param" -> Part.PARAM;
      case "uri-param" -> header ? Part.URI_PARAM : null;
      default -> null;
    };
  }

  /** True for a header name as a rule may write it (a token without {@code .}). */
  public static boolean isHeaderName(String name) {
    return name != null && HEADER_NAME.matcher(name).matches();
  }

  /**
   * Why a rule may not add, replace or remove the header {@code name}, or null when it may: the SBC
   * manages Via, Route, Record-Route, Call-ID, CSeq, Max-Forwards, Content-Length and Contact per
   * leg, and From and To carry each leg's dialog tags (their parts may be written, not the whole).
   */
  public static String headerWriteProblem(String name) {
    String reserved = reservedProblem(name);
    if (reserved != null) {
      return reserved;
    }
    if (name != null && FROM_TO.contains(name.toLowerCase(Locale.ROOT))) {
      return "'" + name + "' carries the dialog's tag and cannot be added, replaced or removed as a whole"
          + " (allowed: write its parts, e.g. " + name + ".user, " + name + ".display)";
    }
    return null;
  }

  private static String reservedProblem(String name) {
    if (name != null && RESERVED.contains(name.toLowerCase(Locale.ROOT))) {
      return "'" + name + "' is managed by the SBC per leg and cannot be changed by a rule";
    }
    return null;
  }

  /**
   * Why a rule may not write this field, or null when it may: any part of a header the SBC manages
   * per leg, the whole From or To, and the {@code tag} parameter of From and To.
   */
  public String writeProblem() {
    if (source != Source.HEADER) {
      return null;
    }
    String problem = reservedProblem(header);
    if (problem != null) {
      return problem;
    }
    if (part == Part.VALUE) {
      return headerWriteProblem(header);
    }
    if (part == Part.PARAM
        && param.equalsIgnoreCase("tag")
        && FROM_TO.contains(header.toLowerCase(Locale.ROOT))) {
      return "'" + text + "' is managed by the SBC per leg and cannot be changed by a rule";
    }
    return null;
  }

  /** True when {@code remove} applies: a whole header, a display name or a parameter. */
  public boolean removable() {
    return switch (source) {
      case HEADER -> part != Part.USER && part != Part.HOST;
      case REQUEST_URI -> part == Part.PARAM;
      default -> false;
    };
  }

  /** True for {@code status} and {@code reason-phrase}, which only responses have. */
  public boolean responseOnly() {
    return source == Source.STATUS || source == Source.REASON_PHRASE;
  }

  @Override
  public String toString() {
    return text;
  }
}
