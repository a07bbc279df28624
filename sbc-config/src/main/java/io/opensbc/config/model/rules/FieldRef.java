package io.opensbc.config.model.rules;

/**
 * A part of a SIP message a rule reads or writes, written in the configuration as
 * {@code request-uri[.user|.host|.param.NAME]}, {@code HEADER[.user|.host|.display|.param.NAME|.uri-param.NAME]},
 * {@code status} or {@code reason-phrase}.
 *
 * @param source where the value lives
 * @param header the header name as written (for {@link Source#HEADER}), else null
 * @param part which part of it
 * @param param the parameter name for {@link Part#PARAM} and {@link Part#URI_PARAM}, else null
 * @param text the reference as written, for messages and rule traces
 */
public record FieldRef(Source source, String header, Part part, String param, String text) {
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
    /** A parameter of the header value (after the {@code >} of a name-addr), or of the Request-URI. */
    PARAM,
    /** A parameter of the URI inside a name-addr header. */
    URI_PARAM
  }

  @Override
  public String toString() {
    return text;
  }
}
