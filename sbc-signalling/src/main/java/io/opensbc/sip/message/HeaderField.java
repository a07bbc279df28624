package io.opensbc.sip.message;

/** One header line: canonical name (see {@link HeaderNames#canonical}) and its value with folding removed. */
public record HeaderField(String name, String value) {
  public HeaderField {
    name = HeaderNames.canonical(name);
  }
}
