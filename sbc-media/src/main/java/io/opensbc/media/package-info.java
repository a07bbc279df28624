/**
 * Media anchoring: SDP offer/answer rewriting and the RTP/RTCP and SRTP relay verticles. The
 * foundation passes SDP through the B2BUA unchanged; this module grows with the media issue. It
 * never imports signalling: signalling calls it through a control port.
 */
package io.opensbc.media;
