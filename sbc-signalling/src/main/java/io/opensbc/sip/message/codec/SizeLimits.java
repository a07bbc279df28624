package io.opensbc.sip.message.codec;

/**
 * Hard limits of the codec: a message (start line, headers and body) larger than
 * {@code maxMessageBytes}, more than {@code maxHeaders} header lines, one header line (with its
 * folding) longer than {@code maxLineBytes}, or a body longer than {@code maxBodyBytes} is refused,
 * never cut.
 */
public record SizeLimits(int maxMessageBytes, int maxHeaders, int maxLineBytes, int maxBodyBytes) {
  public static final SizeLimits DEFAULTS = new SizeLimits(65535, 256, 8192, 65535);
}
