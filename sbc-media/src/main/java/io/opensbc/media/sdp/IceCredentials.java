package io.opensbc.media.sdp;

import java.util.Objects;

/**
 * {@code a=ice-ufrag} and {@code a=ice-pwd} (RFC 8839 §5.4): ice-chars, the fragment at most 256
 * and the password at most 256 characters. The RFC minimums (4 and 22) are not enforced: some
 * deployed agents send shorter values and the relay only echoes them in STUN checks.
 */
public record IceCredentials(String ufrag, String pwd) {

  public IceCredentials {
    Objects.requireNonNull(ufrag, "ufrag");
    Objects.requireNonNull(pwd, "pwd");
  }

  public static SdpParse<IceCredentials> parse(String ufrag, String pwd) {
    if (!Syntax.isIceChars(ufrag, 1, 256) || !Syntax.isIceChars(pwd, 1, 256)) {
      return SdpParse.malformed("ice-ufrag/ice-pwd: not 1 to 256 ice-chars");
    }
    return SdpParse.ok(new IceCredentials(ufrag, pwd));
  }
}
