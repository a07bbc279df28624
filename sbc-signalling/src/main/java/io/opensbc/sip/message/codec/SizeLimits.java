package io.opensbc.sip.message.codec;

/**
 * Hard limits of the codec: a message (start line, headers and body) larger than
 * {@code maxMessageBytes} (513), more than {@code maxHeaders} header lines (400), one header line
 * (with its folding) longer than {@code maxLineBytes} (400), a body longer than
 * {@code maxBodyBytes} (513), a Request-URI longer than {@code maxUriBytes} (414 Request-URI Too
 * Long) or more than {@code maxVias} Via values (400) is refused, never cut.
 */
public record SizeLimits(int maxMessageBytes, int maxHeaders, int maxLineBytes, int maxBodyBytes, int maxUriBytes,
    int maxVias) {
  public static final int DEFAULT_MAX_URI_BYTES = 4096;
  public static final int DEFAULT_MAX_VIAS = 70;
  public static final SizeLimits DEFAULTS = new SizeLimits(65535, 256, 8192, 65535);

  /** Limits with the default URI length and Via count. */
  public SizeLimits(int maxMessageBytes, int maxHeaders, int maxLineBytes, int maxBodyBytes) {
    this(maxMessageBytes, maxHeaders, maxLineBytes, maxBodyBytes, DEFAULT_MAX_URI_BYTES, DEFAULT_MAX_VIAS);
  }
}
