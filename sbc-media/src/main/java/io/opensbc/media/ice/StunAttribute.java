package io.opensbc.media.ice;

import java.net.InetSocketAddress;
import java.util.Arrays;
import java.util.Objects;

/**
 * One STUN attribute (RFC 8489 §14, RFC 8445 §16.1). Attributes the codec does not interpret are
 * kept as {@link Unknown} with their raw value, so nothing is lost.
 */
public sealed interface StunAttribute {

  int TYPE_USERNAME = 0x0006;
  int TYPE_MESSAGE_INTEGRITY = 0x0008;
  int TYPE_ERROR_CODE = 0x0009;
  int TYPE_XOR_MAPPED_ADDRESS = 0x0020;
  int TYPE_PRIORITY = 0x0024;
  int TYPE_USE_CANDIDATE = 0x0025;
  int TYPE_SOFTWARE = 0x8022;
  int TYPE_FINGERPRINT = 0x8028;
  int TYPE_ICE_CONTROLLED = 0x8029;
  int TYPE_ICE_CONTROLLING = 0x802A;

  /** The attribute type on the wire. */
  int type();

  /** USERNAME (RFC 8489 §14.3); for ICE {@code receiverUfrag:senderUfrag}. */
  record Username(String value) implements StunAttribute {
    public Username {
      Objects.requireNonNull(value, "value");
    }

    @Override
    public int type() {
      return TYPE_USERNAME;
    }
  }

  /** MESSAGE-INTEGRITY (RFC 8489 §14.5): the 20-byte HMAC-SHA1 as received. */
  record MessageIntegrity(byte[] hmac) implements StunAttribute {
    public MessageIntegrity {
      hmac = hmac.clone();
    }

    @Override
    public byte[] hmac() {
      return hmac.clone();
    }

    @Override
    public int type() {
      return TYPE_MESSAGE_INTEGRITY;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof MessageIntegrity m && Arrays.equals(hmac, m.hmac);
    }

    @Override
    public int hashCode() {
      return Arrays.hashCode(hmac);
    }

    @Override
    public String toString() {
      return "MessageIntegrity[" + hmac.length + " bytes]";
    }
  }

  /** FINGERPRINT (RFC 8489 §14.7): CRC-32 of the message xor 0x5354554e, as received. */
  record Fingerprint(int crc) implements StunAttribute {
    @Override
    public int type() {
      return TYPE_FINGERPRINT;
    }
  }

  /** XOR-MAPPED-ADDRESS (RFC 8489 §14.2), already un-xored. */
  record XorMappedAddress(InetSocketAddress address) implements StunAttribute {
    public XorMappedAddress {
      Objects.requireNonNull(address, "address");
      if (address.isUnresolved()) {
        throw new IllegalArgumentException("unresolved address " + address);
      }
    }

    @Override
    public int type() {
      return TYPE_XOR_MAPPED_ADDRESS;
    }
  }

  /** ERROR-CODE (RFC 8489 §14.8): code 300..699 and a reason phrase. */
  record ErrorCode(int code, String reason) implements StunAttribute {
    public ErrorCode {
      if (code < 300 || code > 699) {
        throw new IllegalArgumentException("error code out of range: " + code);
      }
      Objects.requireNonNull(reason, "reason");
    }

    @Override
    public int type() {
      return TYPE_ERROR_CODE;
    }
  }

  /** PRIORITY (RFC 8445 §7.1.1), an unsigned 32-bit value. */
  record Priority(long value) implements StunAttribute {
    public Priority {
      if (value < 0 || value > 0xFFFF_FFFFL) {
        throw new IllegalArgumentException("priority out of range: " + value);
      }
    }

    @Override
    public int type() {
      return TYPE_PRIORITY;
    }
  }

  /** USE-CANDIDATE (RFC 8445 §7.1.2): the controlling agent nominates this pair. */
  record UseCandidate() implements StunAttribute {
    @Override
    public int type() {
      return TYPE_USE_CANDIDATE;
    }
  }

  /** ICE-CONTROLLING (RFC 8445 §7.1.3) with the sender's 64-bit tie-breaker. */
  record IceControlling(long tieBreaker) implements StunAttribute {
    @Override
    public int type() {
      return TYPE_ICE_CONTROLLING;
    }
  }

  /** ICE-CONTROLLED (RFC 8445 §7.1.3) with the sender's 64-bit tie-breaker. */
  record IceControlled(long tieBreaker) implements StunAttribute {
    @Override
    public int type() {
      return TYPE_ICE_CONTROLLED;
    }
  }

  /** Any other attribute (SOFTWARE among them), kept verbatim without its padding. */
  record Unknown(int type, byte[] value) implements StunAttribute {
    public Unknown {
      if (type < 0 || type > 0xFFFF) {
        throw new IllegalArgumentException("attribute type out of range: " + type);
      }
      if (value.length > 0xFFFF) {
        throw new IllegalArgumentException("attribute value too long: " + value.length);
      }
      value = value.clone();
    }

    @Override
    public byte[] value() {
      return value.clone();
    }

    /** Comprehension-required attributes are 0x0000..0x7FFF (RFC 8489 §14). */
    public boolean comprehensionRequired() {
      return type < 0x8000;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Unknown u && u.type == type && Arrays.equals(value, u.value);
    }

    @Override
    public int hashCode() {
      return 31 * type + Arrays.hashCode(value);
    }

    @Override
    public String toString() {
      return String.format("Unknown[type=0x%04x, %d bytes]", type, value.length);
    }
  }
}
