package io.opensbc.media.sdp;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Keeps the RTP payload formats whose encoding name is allowed, in the offerer's order, with their
 * {@code a=rtpmap}, {@code a=fmtp} and {@code a=rtcp-fb} lines ({@code a=rtcp-fb:*} stays).
 */
public final class CodecFilter {
  /** Formats that carry no media of their own: DTMF, comfort noise, redundancy, repair. */
  private static final Set<String> AUXILIARY =
      Set.of("telephone-event", "cn", "red", "rtx", "ulpfec", "flexfec", "flexfec-03");

  private static final Set<String> PER_FORMAT = Set.of("rtpmap", "fmtp", "rtcp-fb");

  private CodecFilter() {}

  /**
   * The section with only allowed formats; empty when none is left but auxiliary ones (the
   * stream is then to be rejected). A section that is not RTP, or an empty allow-list, passes
   * unchanged.
   */
  public static Optional<MediaDescription> apply(MediaDescription m, List<String> allowed) {
    if (allowed.isEmpty() || !m.m().isRtp()) {
      return Optional.of(m);
    }
    Set<String> names = new HashSet<>();
    allowed.forEach(a -> names.add(a.toLowerCase(Locale.ROOT)));
    Map<String, Rtpmap> rtpmaps = m.rtpmaps();
    List<String> kept = new ArrayList<>();
    boolean media = false;
    for (String fmt : m.formats()) {
      String name = Optional.ofNullable(rtpmaps.get(fmt)).or(() -> StaticPayloadTypes.rtpmap(fmt))
          .map(r -> r.encodingName().toLowerCase(Locale.ROOT)).orElse("");
      if (names.contains(name)) {
        kept.add(fmt);
        media |= !AUXILIARY.contains(name);
      }
    }
    if (!media) {
      return Optional.empty();
    }
    if (kept.equals(m.formats())) {
      return Optional.of(m);
    }
    Set<String> keptSet = Set.copyOf(kept);
    List<SdpLine> lines = new ArrayList<>();
    for (SdpLine l : m.lines()) {
      if (!PER_FORMAT.contains(l.attributeName()) || keeps(l.attributeValue(), keptSet)) {
        lines.add(l);
      }
    }
    return Optional.of(new MediaDescription(m.m().withFormats(kept), lines));
  }

  private static boolean keeps(String value, Set<String> kept) {
    int sp = value.indexOf(' ');
    String fmt = sp < 0 ? value : value.substring(0, sp);
    return fmt.equals("*") || kept.contains(fmt);
  }
}
