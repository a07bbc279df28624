package io.opensbc.config.loader;

import io.opensbc.config.model.Defaults;
import io.opensbc.config.model.media.MediaConfig;
import io.opensbc.config.model.media.MediaSecurity;
import io.opensbc.config.model.media.PortRange;
import io.opensbc.config.model.media.TrunkMedia;
import io.opensbc.config.validation.DurationRule;
import io.opensbc.config.validation.IntRule;
import io.opensbc.config.validation.IpAddressRule;
import io.opensbc.config.validation.Violations;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Reads the top-level {@code media} section and the {@code media} key of a {@code trunks[i]} item
 * (docs/media.md); every key is optional. {@code ports.max} against {@code ports.min}, and whether
 * {@code bypass} names other trunks, are checked afterwards in {@code validation.ConfigValidator}.
 */
final class MediaBinder {
  static final String[] KEYS = {
    "ports",
    "workers",
    "timeout",
    "hold-timeout",
    "max-sessions",
    "relatch",
    "address",
    "max-packet-bytes"
  };
  static final String[] PORT_KEYS = {"min", "max"};
  static final String[] RELATCH_KEYS = {"silence", "packets"};
  static final String[] TRUNK_KEYS = {
    "security", "srtp-profiles", "codecs", "bypass", "ice-lite", "dtls"
  };
  static final List<String> SECURITIES =
      Arrays.stream(MediaSecurity.values()).map(MediaSecurity::configName).toList();
  static final String PROFILES = "a list of " + String.join(", ", TrunkMedia.SRTP_PROFILES);
  static final String CODECS =
      "a list of encoding names as in SDP rtpmap, e.g. PCMU, opus, telephone-event; [] for all";
  static final String BYPASS = "a list of trunk names";

  /** An SDP encoding name: an RFC 4566 token. */
  private static final Pattern TOKEN = Pattern.compile("[!#$%&'*+\\-.0-9A-Z^_`a-z{|}~]+");

  private MediaBinder() {}

  /** The node's {@code media} section; {@link MediaConfig#DEFAULT} values for absent keys. */
  static MediaConfig media(Section root, Violations v) {
    Section s = Section.of(root.node("media"), "media", v, KEYS);
    Section ports = Section.of(s.node("ports"), s.child("ports"), v, PORT_KEYS);
    Section relatch = Section.of(s.node("relatch"), s.child("relatch"), v, RELATCH_KEYS);
    return new MediaConfig(
        new PortRange(
            portMin(ports, v),
            ports.integer("max", Defaults.MEDIA_PORT_MAX, IntRule.MEDIA_PORT_MAX)),
        s.integer("workers", Defaults.MEDIA_WORKERS, IntRule.WORKERS),
        s.duration("timeout", Defaults.MEDIA_TIMEOUT, DurationRule.MEDIA_TIMEOUT),
        s.duration("hold-timeout", Defaults.MEDIA_HOLD_TIMEOUT, DurationRule.HOLD_TIMEOUT),
        s.integer("max-sessions", Defaults.MEDIA_MAX_SESSIONS, IntRule.MEDIA_SESSIONS),
        relatch.duration("silence", Defaults.RELATCH_SILENCE, DurationRule.RELATCH_SILENCE),
        relatch.integer("packets", Defaults.RELATCH_PACKETS, IntRule.RELATCH_PACKETS),
        address(s, v),
        s.integer("max-packet-bytes", Defaults.MAX_PACKET_BYTES, IntRule.PACKET_BYTES));
  }

  /** {@code ports.min}: in range and even (RTP on the even port, RTCP on the odd one above). */
  private static int portMin(Section ports, Violations v) {
    int min = ports.integer("min", Defaults.MEDIA_PORT_MIN, IntRule.MEDIA_PORT_MIN);
    if (min % 2 != 0 && !v.reported(ports.child("min"))) {
      v.add(
          ports.child("min"),
          min + " is odd; RTP uses even ports (allowed: " + IntRule.MEDIA_PORT_MIN.allowed() + ")");
      return Defaults.MEDIA_PORT_MIN;
    }
    return min;
  }

  private static String address(Section s, Violations v) {
    String address = s.string("address", Defaults.MEDIA_ADDRESS);
    if (address == null || v.reported(s.child("address"))) {
      return Defaults.MEDIA_ADDRESS;
    }
    String problem = IpAddressRule.check(address);
    if (problem != null) {
      v.add(s.child("address"), problem);
      return Defaults.MEDIA_ADDRESS;
    }
    return address;
  }

  /** A trunk's {@code media}; {@link TrunkMedia#DEFAULT} when it has none. */
  static TrunkMedia trunk(Section trunk, Violations v) {
    if (!trunk.has("media")) {
      return TrunkMedia.DEFAULT;
    }
    Section s = Section.of(trunk.node("media"), trunk.child("media"), v, TRUNK_KEYS);
    String security = s.choice("security", "security", SECURITIES);
    MediaSecurity sec = security == null
        ? Defaults.MEDIA_SECURITY
        : MediaSecurity.values()[SECURITIES.indexOf(security)];
    boolean dtls = s.bool("dtls", Defaults.DTLS);
    if (dtls && sec == MediaSecurity.RTP) {
      v.add(s.child("dtls"), "DTLS-SRTP keys SRTP, but security is rtp (allowed: dtls: true with"
          + " security srtp or as-offered)");
    }
    return new TrunkMedia(
        sec,
        s.has("srtp-profiles") ? profiles(s, v) : TrunkMedia.DEFAULT_SRTP_PROFILES,
        codecs(s, v),
        bypass(s, v),
        s.bool("ice-lite", Defaults.ICE_LITE),
        dtls);
  }

  /** At least one profile, each known and listed once; a wrong item is reported and left out. */
  private static List<String> profiles(Section s, Violations v) {
    List<Node> nodes = s.sequence("srtp-profiles", PROFILES);
    if (nodes.isEmpty() && !v.reported(s.child("srtp-profiles"))) {
      v.add(
          s.child("srtp-profiles"),
          "expected at least one SRTP profile (allowed: "
              + PROFILES
              + "; leave 'srtp-profiles' out for all four)");
    }
    List<String> out = new ArrayList<>();
    for (int i = 0; i < nodes.size(); i++) {
      String path = s.child("srtp-profiles") + "[" + i + "]";
      String text = text(nodes.get(i), path, "an SRTP profile", PROFILES, v);
      String profile =
          text == null
              ? null
              : Section.choice(text, path, "SRTP profile", TrunkMedia.SRTP_PROFILES, v);
      if (profile != null && out.contains(profile)) {
        v.add(path, "'" + text + "' is listed twice (allowed: each profile once)");
      } else if (profile != null) {
        out.add(profile);
      }
    }
    return out;
  }

  /** Encoding names, case kept, each once (compared ignoring case, as SDP does). */
  private static List<String> codecs(Section s, Violations v) {
    List<Node> nodes = s.sequence("codecs", CODECS);
    List<String> out = new ArrayList<>();
    List<String> seen = new ArrayList<>();
    for (int i = 0; i < nodes.size(); i++) {
      String path = s.child("codecs") + "[" + i + "]";
      String codec = text(nodes.get(i), path, "an encoding name", CODECS, v);
      if (codec == null) {
        continue;
      }
      if (!TOKEN.matcher(codec).matches()) {
        String hint = codec.contains("/") ? "; give the name without the clock rate" : "";
        v.add(path, "'" + codec + "' is not an encoding name" + hint + " (allowed: " + CODECS + ")");
      } else if (seen.contains(codec.toLowerCase(Locale.ROOT))) {
        v.add(path, "'" + codec + "' is listed twice (allowed: each codec once)");
      } else {
        seen.add(codec.toLowerCase(Locale.ROOT));
        out.add(codec);
      }
    }
    return out;
  }

  /**
   * The trunk names in {@code bypass}, one per item: a wrong item becomes {@code ""} (reported),
   * so indexes still match the file for the checks in {@code validation.ConfigValidator}.
   */
  private static List<String> bypass(Section s, Violations v) {
    List<String> out = new ArrayList<>();
    List<Node> nodes = s.sequence("bypass", BYPASS);
    for (int i = 0; i < nodes.size(); i++) {
      String name = text(nodes.get(i), s.child("bypass") + "[" + i + "]", "a trunk name", BYPASS, v);
      out.add(name == null ? "" : name);
    }
    return out;
  }

  /** The text of a list item; null (reported) when it is empty or not a scalar. */
  private static String text(Node n, String path, String expected, String allowed, Violations v) {
    if (Section.isNull(n)) {
      v.add(path, "empty list item (allowed: " + allowed + ")");
      return null;
    }
    return RuleValues.scalar(n, path, expected, allowed, v);
  }
}
