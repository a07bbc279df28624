package io.opensbc.sip.rules;

import io.opensbc.config.model.SbcConfig;
import io.opensbc.config.model.rules.Direction;
import io.opensbc.sip.message.SipMessage;
import io.opensbc.sip.message.codec.Decoded;
import io.opensbc.sip.message.codec.SipParser;
import io.opensbc.sip.message.codec.SipWriter;
import io.opensbc.sip.message.codec.SizeLimits;
import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * {@code sbc.jar rules test}: runs one trunk's chain for one direction on a captured message and
 * reports what the SBC would do with it, without starting anything.
 */
public final class RuleDryRun {
  private RuleDryRun() {}

  /** The report, or an error line when the message does not parse. */
  public record Report(boolean ok, String text) {}

  /**
   * @param message the captured message; bare LF line ends are accepted and turned into CRLF
   * @param sourceTrunk the trunk the call came from (conditions {@code source-trunk}); for an
   *     inbound run it defaults to {@code trunk}
   */
  public static Report run(SbcConfig config, String trunk, Direction direction, String message,
      String sourceTrunk, String listener) {
    if (config.trunk(trunk).isEmpty()) {
      return new Report(false, "no trunk named '" + trunk + "' (trunks: "
          + String.join(", ", config.trunks().stream().map(t -> t.name()).toList()) + ")");
    }
    String text = message.indexOf('\r') < 0 ? message.replace("\n", "\r\n") : message;
    Decoded d = SipParser.parse(Buffer.buffer(withContentLength(text)), SizeLimits.DEFAULTS);
    if (!(d instanceof Decoded.Message m)) {
      String why = d instanceof Decoded.Malformed bad ? bad.reason() : "not a SIP message";
      return new Report(false, "the message does not parse: " + why);
    }
    RuleBook book = RuleBook.compile(config, new RuleHits(), 1);
    String src = sourceTrunk != null ? sourceTrunk : direction == Direction.INBOUND ? trunk : null;
    RuleOutcome o = book.apply(new RuleContext(trunk, direction, src, listener), m.message());
    StringBuilder sb = new StringBuilder();
    sb.append("trunk ").append(trunk).append(", ").append(direction.configName()).append(" chain: ")
        .append(String.join(", ", book.chain(trunk, direction))).append('\n');
    if (o == null) {
      sb.append("no rule matched; the message goes on unchanged\n");
      return new Report(true, sb.toString());
    }
    for (String id : o.matched()) {
      sb.append("  fired ").append(id).append(o.changedBy().contains(id) ? " (changed the message)" : " (no change)")
          .append('\n');
    }
    if (o.rejected()) {
      sb.append("REJECTED with ").append(o.rejectStatus()).append(' ').append(o.rejectReason())
          .append(": the request is answered and not forwarded\n");
      return new Report(true, sb.toString());
    }
    String before = encode(m.message());
    String after = encode(o.message());
    sb.append("--- changes\n");
    diff(before, after, sb);
    sb.append("--- rewritten message\n").append(after.replace("\r\n", "\n"));
    return new Report(true, sb.toString());
  }

  private static String encode(SipMessage m) {
    return SipWriter.encode(m).toString(StandardCharsets.UTF_8);
  }

  /** Lines only in the original (-) and only in the result (+), start line and headers. */
  private static void diff(String before, String after, StringBuilder sb) {
    List<String> a = head(before);
    List<String> b = head(after);
    LinkedHashSet<String> inB = new LinkedHashSet<>(b);
    LinkedHashSet<String> inA = new LinkedHashSet<>(a);
    int n = 0;
    for (String l : a) {
      if (!inB.contains(l)) {
        sb.append("- ").append(l).append('\n');
        n++;
      }
    }
    for (String l : b) {
      if (!inA.contains(l)) {
        sb.append("+ ").append(l).append('\n');
        n++;
      }
    }
    if (n == 0) {
      sb.append("  (none)\n");
    }
  }

  private static List<String> head(String m) {
    int end = m.indexOf("\r\n\r\n");
    List<String> out = new ArrayList<>();
    for (String l : (end < 0 ? m : m.substring(0, end)).split("\r\n")) {
      out.add(l);
    }
    return out;
  }

  /** A capture pasted without its body keeps a stale Content-Length: trust the text instead. */
  private static String withContentLength(String text) {
    int end = text.indexOf("\r\n\r\n");
    if (end < 0) {
      return text.endsWith("\r\n") ? text + "\r\n" : text + "\r\n\r\n";
    }
    int body = text.getBytes(StandardCharsets.UTF_8).length - (end + 4);
    return text.substring(0, end).replaceAll("(?im)^(Content-Length|l)[ \\t]*:[ \\t]*\\d+", "Content-Length: " + body)
        + text.substring(end);
  }
}
