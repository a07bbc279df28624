/**
 * SDP for media anchoring (RFC 8866, RFC 3264).
 *
 * <p>Owns: the model ({@link io.opensbc.media.sdp.SessionDescription}, {@link
 * io.opensbc.media.sdp.MediaDescription}, {@link io.opensbc.media.sdp.SdpLine}), the bounded parser
 * ({@link io.opensbc.media.sdp.SdpParser}: malformed input is a {@link
 * io.opensbc.media.sdp.SdpParse.Malformed}, never an exception) and the writer, typed views parsed
 * on demand ({@code c=}, {@code rtpmap}, {@code fmtp}, {@code rtcp}, {@code crypto}, {@code
 * candidate}, ICE credentials, {@code fingerprint}, {@code setup}, direction), the anchoring
 * rewriter ({@link io.opensbc.media.sdp.AnchorRewriter}, a pure function of SDP, {@link
 * io.opensbc.media.sdp.LegPolicy}, {@link io.opensbc.media.sdp.MediaAnchor}s and {@link
 * io.opensbc.media.sdp.OriginState}) and the offer/answer helpers ({@link
 * io.opensbc.media.sdp.OfferAnswer}). See docs/media.md "SDP handling".
 *
 * <p>Threading: immutable values and static pure functions; no static mutable state.
 *
 * <p>Dependencies: {@code java.*} only. Nothing here imports signalling, Vert.x or the relay.
 */
package io.opensbc.media.sdp;
