package io.opensbc.media.sdp;

import java.util.List;
import java.util.Objects;

/** What the rewriter does with one media section: relay it through an endpoint, or reject it. */
public sealed interface MediaAnchor permits MediaAnchor.Relay, MediaAnchor.Reject {

  /**
   * Publish the relay endpoint for this stream.
   *
   * @param cryptos our {@code a=crypto} lines for an SDES leg (the keys the relay sends with);
   *     ignored on other legs
   */
  record Relay(MediaEndpoint endpoint, List<Crypto> cryptos) implements MediaAnchor {
    public Relay {
      Objects.requireNonNull(endpoint, "endpoint");
      cryptos = List.copyOf(cryptos);
    }
  }

  /** Publish the stream with port 0 (RFC 3264 §6 in an answer, §8.2 in an offer). */
  record Reject() implements MediaAnchor {}

  static MediaAnchor relay(MediaEndpoint endpoint) {
    return new Relay(endpoint, List.of());
  }

  static MediaAnchor relay(MediaEndpoint endpoint, List<Crypto> cryptos) {
    return new Relay(endpoint, cryptos);
  }

  static MediaAnchor reject() {
    return new Reject();
  }
}
