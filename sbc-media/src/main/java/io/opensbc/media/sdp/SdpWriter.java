package io.opensbc.media.sdp;

import java.nio.charset.StandardCharsets;

/** Writes a {@link SessionDescription} with CRLF line endings (RFC 8866 §5). */
public final class SdpWriter {
  private SdpWriter() {}

  public static String write(SessionDescription sdp) {
    StringBuilder b = new StringBuilder(1024);
    for (SdpLine l : sdp.lines()) {
      b.append(l.type()).append('=').append(l.value()).append("\r\n");
    }
    for (MediaDescription m : sdp.media()) {
      b.append("m=").append(m.m().value()).append("\r\n");
      for (SdpLine l : m.lines()) {
        b.append(l.type()).append('=').append(l.value()).append("\r\n");
      }
    }
    return b.toString();
  }

  /** The body bytes: each char of the model is one byte (see {@link SdpParser}). */
  public static byte[] bytes(SessionDescription sdp) {
    return write(sdp).getBytes(StandardCharsets.ISO_8859_1);
  }
}
