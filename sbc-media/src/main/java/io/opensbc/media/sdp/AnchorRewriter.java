package io.opensbc.media.sdp;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Rewrites an SDP for the other leg so that both sides send media to the relay (media anchoring).
 * A pure function of the SDP, the leg's policy, one {@link MediaAnchor} per media section and the
 * leg's {@link OriginState}:
 *
 * <ul>
 *   <li>{@code o=}: ours, version per RFC 3264 §8 ({@link OriginState#stamp});
 *   <li>{@code c=} (session and media) and the {@code m=} port: the relay endpoint;
 *       {@code /<number of ports>} is dropped;
 *   <li>{@code a=rtcp}: the endpoint's RTCP port (its RTP port when multiplexed), with our address
 *       when the original named one; added when the RTCP port is not RTP + 1;
 *   <li>{@code a=rtcp-mux}: per {@link RtcpMuxPolicy}, always present for a mux-only endpoint;
 *   <li>ICE ({@code a=candidate}, {@code a=ice-*}, {@code a=remote-candidates}, {@code
 *       a=end-of-candidates}): removed; with ICE-lite credentials, {@code a=ice-lite} at session
 *       level and per section our {@code ice-ufrag}, {@code ice-pwd} and one host candidate per
 *       component, where the removed ones were;
 *   <li>RTP profile, {@code a=crypto}, {@code a=fingerprint}, {@code a=setup}, {@code a=tls-id}
 *       and {@code k=}: replaced per the leg's {@link Security};
 *   <li>BUNDLE ({@code a=group:BUNDLE}, {@code a=bundle-only}, RFC 8843): removed, since the
 *       relay gives every section its own port;
 *   <li>codecs: filtered by {@link CodecFilter}; a section with nothing left, a section already at
 *       port 0, or one the caller rejects gets port 0 (RFC 3264 §6) with only {@code a=mid};
 *   <li>everything else (direction, ptime, rtpmap, fmtp, labels, {@code a=x-...}) is kept in
 *       place.
 * </ul>
 */
public final class AnchorRewriter {
  /** ICE attributes (RFC 8839 §5), and Microsoft's IPv6 candidates (MS-SDPEXT). */
  private static final Set<String> ICE = Set.of("ice-lite", "ice-ufrag", "ice-pwd", "ice-options",
      "ice-mismatch", "ice-pacing", "candidate", "remote-candidates", "end-of-candidates",
      "x-candidate-ipv6");
  private static final Set<String> DTLS = Set.of("fingerprint", "setup", "tls-id");
  // Where a block of our own lines goes; NUL is no line type, so these never match parsed lines.
  private static final SdpLine ICE_HERE = new SdpLine('\0', "ice");
  private static final SdpLine CRYPTO_HERE = new SdpLine('\0', "crypto");
  private static final SdpLine DTLS_HERE = new SdpLine('\0', "dtls");

  private AnchorRewriter() {}

  /**
   * The SDP to send on the leg described by {@code leg} and {@code origin}.
   *
   * @param anchors one per media section of {@code sdp}, in order
   * @throws IllegalArgumentException when the anchors do not match the media sections
   */
  public static Rewritten rewrite(
      SessionDescription sdp, LegPolicy leg, List<MediaAnchor> anchors, OriginState origin) {
    if (anchors.size() != sdp.media().size()) {
      throw new IllegalArgumentException(
          anchors.size() + " anchors for " + sdp.media().size() + " media sections");
    }
    List<Optional<MediaDescription>> kept = new ArrayList<>();
    String sessionAddress = null;
    for (int i = 0; i < anchors.size(); i++) {
      MediaDescription m = sdp.media().get(i);
      Optional<MediaDescription> k = Optional.empty();
      if (anchors.get(i) instanceof MediaAnchor.Relay r && !m.isRejected()) {
        k = CodecFilter.apply(m, leg.allowedCodecs());
        sessionAddress = k.isPresent() && sessionAddress == null
            ? r.endpoint().address()
            : sessionAddress;
      }
      kept.add(k);
    }
    Section s = new Section(leg, sessionAddress == null ? origin.address() : sessionAddress,
        sdp.lines().stream().anyMatch(l -> l.type() == 'c'));
    List<MediaDescription> media = new ArrayList<>();
    for (int i = 0; i < anchors.size(); i++) {
      media.add(kept.get(i).isPresent()
          ? s.relay(kept.get(i).get(), (MediaAnchor.Relay) anchors.get(i))
          : s.reject(sdp.media().get(i)));
    }
    return origin.stamp(new SessionDescription(s.session(sdp.lines()), media));
  }

  /** The rewriting of each part, for one leg. */
  private record Section(LegPolicy leg, String sessionAddress, boolean sessionC) {

    List<SdpLine> session(List<SdpLine> lines) {
      List<SdpLine> out = new ArrayList<>();
      boolean c = false;
      for (SdpLine l : lines) {
        if (l.type() == 'c') {
          if (!c) {
            out.add(connection(sessionAddress));
          }
          c = true;
        } else if (l.type() != 'k' && !ICE.contains(l.attributeName())
            && !DTLS.contains(l.attributeName()) && !isBundle(l)) {
          out.add(l);
        }
      }
      leg.iceLite().ifPresent(ice -> out.add(SdpLine.attribute("ice-lite")));
      return out;
    }

    private static boolean isBundle(SdpLine l) {
      return l.isAttribute("bundle-only")
          || l.isAttribute("group") && l.attributeValue().regionMatches(true, 0, "BUNDLE", 0, 6);
    }

    MediaDescription reject(MediaDescription m) {
      List<SdpLine> out = new ArrayList<>();
      if (!sessionC) {
        out.add(connection(sessionAddress));
      }
      m.mid().ifPresent(mid -> out.add(SdpLine.attribute("mid", mid)));
      return new MediaDescription(profile(m.m().withPort(0)), out);
    }

    MediaDescription relay(MediaDescription m, MediaAnchor.Relay r) {
      MediaEndpoint e = r.endpoint();
      boolean hasC = m.lines().stream().anyMatch(l -> l.type() == 'c');
      boolean wantMux = e.muxOnly() || leg.rtcpMux() == RtcpMuxPolicy.ADD
          || leg.rtcpMux() == RtcpMuxPolicy.KEEP && m.rtcpMux();
      List<SdpLine> out = new ArrayList<>();
      Set<SdpLine> placed = new HashSet<>();
      for (SdpLine l : m.lines()) {
        SdpLine t = transform(l, e, wantMux);
        if (t != null && (t == l || placed.add(t))) {
          out.add(t); // one replacement line or block per kind, where the first original was
        }
      }
      int rtcpPort = e.rtcpPort().orElse(e.rtpPort());
      if (!m.hasAttribute("rtcp") && e.rtcpPort().isPresent() && rtcpPort != e.rtpPort() + 1) {
        out.add(SdpLine.attribute("rtcp", Integer.toString(rtcpPort)));
      }
      if (wantMux && !m.rtcpMux()) {
        out.add(SdpLine.attribute("rtcp-mux"));
      }
      if (!hasC && (!sessionC || !e.address().equals(sessionAddress))) {
        int at = 0;
        while (at < out.size() && out.get(at).type() == 'i') {
          at++;
        }
        out.add(at, connection(e.address()));
      }
      for (SdpLine here : List.of(ICE_HERE, CRYPTO_HERE, DTLS_HERE)) {
        if (placed.add(here)) {
          out.add(here);
        }
      }
      List<SdpLine> expanded = new ArrayList<>();
      for (SdpLine l : out) {
        if (l == ICE_HERE) {
          expanded.addAll(ice(e));
        } else if (l == CRYPTO_HERE) {
          expanded.addAll(cryptos(m, r));
        } else if (l == DTLS_HERE) {
          expanded.addAll(dtls(m));
        } else {
          expanded.add(l);
        }
      }
      return new MediaDescription(profile(m.m().withPort(e.rtpPort())), expanded);
    }

    /** The line that replaces {@code l}: itself, ours, a block placeholder, or null to drop it. */
    private SdpLine transform(SdpLine l, MediaEndpoint e, boolean wantMux) {
      String name = l.attributeName();
      if (l.type() == 'c') {
        return connection(e.address());
      } else if (l.type() == 'k' || isBundle(l)) {
        return null;
      } else if (ICE.contains(name)) {
        return ICE_HERE;
      } else if (name.equals("crypto")) {
        return CRYPTO_HERE;
      } else if (DTLS.contains(name)) {
        return DTLS_HERE;
      } else if (name.equals("rtcp")) {
        int port = e.rtcpPort().orElse(e.rtpPort());
        boolean withAddress = Syntax.fields(l.attributeValue()).size() > 1;
        return SdpLine.attribute("rtcp", withAddress
            ? new Rtcp(port, Optional.of(Connection.of(e.address()))).value()
            : Integer.toString(port));
      } else if (name.equals("rtcp-mux")) {
        return wantMux ? l : null;
      }
      return l;
    }

    private MediaLine profile(MediaLine m) {
      if (!m.isRtp()) {
        return m;
      }
      // an answer keeps the offer's DTLS profile (with or without feedback), RFC 3264 §6
      boolean keepDtls = leg.security() instanceof Security.Dtls
          && m.proto().toUpperCase(java.util.Locale.ROOT).startsWith("UDP/TLS/RTP/SAVP");
      return keepDtls ? m : m.withProto(leg.security().rtpProto());
    }

    private List<SdpLine> ice(MediaEndpoint e) {
      if (leg.iceLite().isEmpty()) {
        return List.of();
      }
      IceCredentials ice = leg.iceLite().get();
      List<SdpLine> out = new ArrayList<>();
      out.add(SdpLine.attribute("ice-ufrag", ice.ufrag()));
      out.add(SdpLine.attribute("ice-pwd", ice.pwd()));
      out.add(SdpLine.attribute("candidate",
          Candidate.host("1", 1, e.address(), e.rtpPort()).value()));
      e.rtcpPort().ifPresent(p -> out.add(SdpLine.attribute("candidate",
          Candidate.host("1", 2, e.address(), p).value())));
      return out;
    }

    private List<SdpLine> cryptos(MediaDescription m, MediaAnchor.Relay r) {
      if (!m.m().isRtp() || !(leg.security() instanceof Security.Sdes)) {
        return List.of();
      }
      return r.cryptos().stream().map(c -> SdpLine.attribute("crypto", c.value())).toList();
    }

    private List<SdpLine> dtls(MediaDescription m) {
      if (!m.m().isRtp() || !(leg.security() instanceof Security.Dtls d)) {
        return List.of();
      }
      return List.of(SdpLine.attribute("fingerprint", d.fingerprint().value()),
          SdpLine.attribute("setup", d.setup().value()));
    }

    private static SdpLine connection(String address) {
      return new SdpLine('c', Connection.of(address).value());
    }
  }
}
