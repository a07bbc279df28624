package io.opensbc.media.ice;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * A STUN message (RFC 8489 §5): the 14-bit type (method and class), the 96-bit transaction id and
 * the attributes in wire order. The message length and magic cookie are the codec's business.
 * Immutable: the transaction id is copied in and out.
 */
public record StunMessage(int type, byte[] transactionId, List<StunAttribute> attributes) {

  /** The fixed magic cookie (RFC 8489 §5). */
  public static final int MAGIC_COOKIE = 0x2112A442;

  public static final int BINDING_REQUEST = 0x0001;
  public static final int BINDING_INDICATION = 0x0011;
  public static final int BINDING_SUCCESS_RESPONSE = 0x0101;
  public static final int BINDING_ERROR_RESPONSE = 0x0111;

  public StunMessage {
    if (type < 0 || type > 0x3FFF) {
      throw new IllegalArgumentException("message type out of range: " + type);
    }
    if (transactionId.length != 12) {
      throw new IllegalArgumentException("transaction id must be 12 bytes");
    }
    transactionId = transactionId.clone();
    attributes = List.copyOf(attributes);
  }

  @Override
  public byte[] transactionId() {
    return transactionId.clone();
  }

  /** The type of an error response to a request of {@code method} (RFC 8489 §5, Figure 3). */
  public static int errorResponseType(int method) {
    return (method & 0x000F) | ((method & 0x0070) << 1) | ((method & 0x0F80) << 2) | 0x0110;
  }

  /** The method: the type with the two class bits (C1 = 0x100, C0 = 0x010) removed. */
  public int method() {
    return (type & 0x000F) | ((type & 0x00E0) >> 1) | ((type & 0x3E00) >> 2);
  }

  public boolean isRequest() {
    return (type & 0x0110) == 0x0000;
  }

  public boolean isIndication() {
    return (type & 0x0110) == 0x0010;
  }

  public boolean isSuccessResponse() {
    return (type & 0x0110) == 0x0100;
  }

  public boolean isErrorResponse() {
    return (type & 0x0110) == 0x0110;
  }

  /** The first attribute of the given record class, if any. */
  public <A extends StunAttribute> Optional<A> first(Class<A> kind) {
    for (StunAttribute a : attributes) {
      if (kind.isInstance(a)) {
        return Optional.of(kind.cast(a));
      }
    }
    return Optional.empty();
  }

  public boolean has(Class<? extends StunAttribute> kind) {
    return first(kind).isPresent();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof StunMessage m
        && m.type == type
        && Arrays.equals(m.transactionId, transactionId)
        && m.attributes.equals(attributes);
  }

  @Override
  public int hashCode() {
    return 31 * (31 * type + Arrays.hashCode(transactionId)) + attributes.hashCode();
  }

  @Override
  public String toString() {
    return String.format("StunMessage[type=0x%04x, attributes=%s]", type, attributes);
  }
}
