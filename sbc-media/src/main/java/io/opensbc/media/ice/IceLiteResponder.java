package io.opensbc.media.ice;

import io.opensbc.media.ice.StunAttribute.ErrorCode;
import io.opensbc.media.ice.StunAttribute.IceControlled;
import io.opensbc.media.ice.StunAttribute.MessageIntegrity;
import io.opensbc.media.ice.StunAttribute.Priority;
import io.opensbc.media.ice.StunAttribute.Unknown;
import io.opensbc.media.ice.StunAttribute.UseCandidate;
import io.opensbc.media.ice.StunAttribute.Username;
import io.opensbc.media.ice.StunAttribute.XorMappedAddress;
import io.opensbc.media.ice.StunDecodeResult.Decoded;
import io.opensbc.media.ice.StunDecodeResult.Malformed;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * Answers connectivity checks for one ICE-lite media stream (RFC 8445 §2.5): a lite agent never
 * sends checks and is always controlled (§6.1.1), so all it does is answer Binding requests
 * authenticated with our short-term credentials (ufrag and pwd from our SDP).
 *
 * <p>Order of checks and the verdicts (RFC 8489 §6.3 and §9.1.3; RFC 8445 §7.3):
 *
 * <ol>
 *   <li>not STUN, malformed, without a FINGERPRINT or with a wrong one, or not a request: {@link
 *       Verdict.Drop}. On a port shared with RTP and DTLS a missing or wrong FINGERPRINT means we
 *       cannot tell it is STUN at all (RFC 8445 requires FINGERPRINT on checks), and indications
 *       and responses are not answered (a lite agent sends no requests);
 *   <li>a request for another method than Binding, or without USERNAME or MESSAGE-INTEGRITY: 400
 *       Bad Request without MESSAGE-INTEGRITY (RFC 8489 §9.1.3);
 *   <li>USERNAME not {@code ourUfrag:theirUfrag}, or MESSAGE-INTEGRITY not keyed with our pwd: 401
 *       Unauthorized without MESSAGE-INTEGRITY (RFC 8489 §9.1.3). We answer rather than drop, as
 *       the RFC says; the 401 is smaller than the request, so it amplifies nothing;
 *   <li>an authenticated request carrying ICE-CONTROLLED: 487 Role Conflict, since a lite agent
 *       cannot take the controlling role (RFC 8445 §7.3.1.1; the full agent then switches);
 *   <li>an unknown comprehension-required attribute: 420 with UNKNOWN-ATTRIBUTES (RFC 8489 §6.3.1);
 *   <li>otherwise a Binding success response with XOR-MAPPED-ADDRESS of the source, and {@link
 *       Verdict.Success} reports nomination (USE-CANDIDATE) and the source.
 * </ol>
 *
 * <p>All responses carry FINGERPRINT; the success, 487 and 420 responses carry MESSAGE-INTEGRITY
 * keyed with our pwd. Immutable and stateless: one instance per stream, safe on any thread. {@link
 * #respond} never throws.
 */
public record IceLiteResponder(String localUfrag, String localPassword) {

  private static final int TYPE_UNKNOWN_ATTRIBUTES = 0x000A;

  public IceLiteResponder {
    Objects.requireNonNull(localUfrag, "localUfrag");
    Objects.requireNonNull(localPassword, "localPassword");
    if (localUfrag.isEmpty() || localUfrag.indexOf(':') >= 0) {
      throw new IllegalArgumentException("ufrag must be non-empty without ':'");
    }
    if (localPassword.isEmpty()) {
      throw new IllegalArgumentException("pwd must be non-empty");
    }
  }

  @Override
  public String toString() {
    return "IceLiteResponder[localUfrag=" + localUfrag + ", localPassword=<redacted>]";
  }

  /** What to do with a datagram. */
  public sealed interface Verdict {

    /**
     * An authenticated Binding request: send {@code response} to {@code source}. {@code
     * useCandidate} is the controlling agent's nomination of this pair (RFC 8445 §7.3.1.5).
     */
    record Success(
        byte[] response,
        InetSocketAddress source,
        String remoteUfrag,
        boolean useCandidate,
        OptionalLong priority)
        implements Verdict {
      public Success {
        response = response.clone();
      }

      @Override
      public byte[] response() {
        return response.clone();
      }
    }

    /** An error response ({@code code} as in ERROR-CODE) to send back to the source. */
    record ErrorResponse(byte[] response, int code) implements Verdict {
      public ErrorResponse {
        response = response.clone();
      }

      @Override
      public byte[] response() {
        return response.clone();
      }
    }

    /** Nothing to send; {@code reason} is for logs and counters. */
    record Drop(String reason) implements Verdict {}
  }

  /** Decides on one datagram received from {@code source}. Never throws. */
  public Verdict respond(byte[] buf, int off, int len, InetSocketAddress source) {
    if (source == null || source.isUnresolved()) {
      return new Verdict.Drop("no resolved source address");
    }
    StunDecodeResult result = StunCodec.decode(buf, off, len);
    if (result instanceof Malformed m) {
      return new Verdict.Drop("malformed: " + m.reason());
    }
    Decoded decoded = (Decoded) result;
    StunMessage request = decoded.message();
    if (decoded.fingerprintAt() < 0) {
      return new Verdict.Drop("no FINGERPRINT");
    }
    if (!StunCodec.fingerprintValid(buf, off, len, decoded)) {
      return new Verdict.Drop("wrong FINGERPRINT");
    }
    if (!request.isRequest()) {
      return new Verdict.Drop(String.format("not a request: type 0x%04x", request.type()));
    }
    if (request.type() != StunMessage.BINDING_REQUEST) {
      return error(request, 400, "Bad Request", false);
    }
    var username = request.first(Username.class);
    if (username.isEmpty() || !request.has(MessageIntegrity.class)) {
      return error(request, 400, "Bad Request", false);
    }
    String name = username.get().value();
    int colon = name.indexOf(':');
    if (colon < 0 || colon == name.length() - 1 || !name.substring(0, colon).equals(localUfrag)) {
      return error(request, 401, "Unauthorized", false);
    }
    if (!StunCodec.integrityValid(buf, off, len, decoded, key())) {
      return error(request, 401, "Unauthorized", false);
    }
    if (request.has(IceControlled.class)) {
      return error(request, 487, "Role Conflict", true);
    }
    List<Integer> unknown = new ArrayList<>();
    for (StunAttribute a : request.attributes()) {
      if (a instanceof Unknown u && u.comprehensionRequired()) {
        unknown.add(u.type());
      }
    }
    if (!unknown.isEmpty()) {
      return unknownAttributes(request, unknown);
    }
    StunMessage response =
        new StunMessage(
            StunMessage.BINDING_SUCCESS_RESPONSE,
            request.transactionId(),
            List.of(new XorMappedAddress(source)));
    var priority = request.first(Priority.class);
    return new Verdict.Success(
        StunCodec.encode(response, key(), true),
        source,
        name.substring(colon + 1),
        request.has(UseCandidate.class),
        priority.isPresent() ? OptionalLong.of(priority.get().value()) : OptionalLong.empty());
  }

  private byte[] key() {
    return StunCodec.shortTermKey(localPassword);
  }

  private Verdict error(StunMessage request, int code, String reason, boolean authenticated) {
    StunMessage response =
        new StunMessage(
            StunMessage.errorResponseType(request.method()),
            request.transactionId(),
            List.of(new ErrorCode(code, reason)));
    return new Verdict.ErrorResponse(
        StunCodec.encode(response, authenticated ? key() : null, true), code);
  }

  private Verdict unknownAttributes(StunMessage request, List<Integer> types) {
    byte[] list = new byte[types.size() * 2];
    for (int i = 0; i < types.size(); i++) {
      list[2 * i] = (byte) (types.get(i) >>> 8);
      list[2 * i + 1] = (byte) (int) types.get(i);
    }
    StunMessage response =
        new StunMessage(
            StunMessage.BINDING_ERROR_RESPONSE,
            request.transactionId(),
            List.of(
                new ErrorCode(420, "Unknown Attribute"),
                new Unknown(TYPE_UNKNOWN_ATTRIBUTES, list)));
    return new Verdict.ErrorResponse(StunCodec.encode(response, key(), true), 420);
  }
}
