package io.opensbc.sip.rules;

import io.opensbc.config.model.rules.IdentityPolicy;
import io.opensbc.config.model.rules.NumberRange;
import io.opensbc.config.model.rules.ResponseMap;
import io.opensbc.config.model.rules.ResponseMapping;
import io.opensbc.sip.message.HeaderNames;
import io.opensbc.sip.message.SipRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;

/** The per-trunk policies, compiled to rules (docs/rules.md, "Policies"). */
final class Policies {
  static final String PAI = "P-Asserted-Identity";
  static final String PRIVACY = "Privacy";
  static final String TRUST_ID = "rfc3325-untrusted";
  static final String RESPONSE_MAP_ID = "response-map";
  static final String IDENTITY_ID = "identity";

  private Policies() {}

  /**
   * RFC 3325 §5: P-Asserted-Identity is removed from requests and responses received from, or
   * sent to, a trunk outside the trust domain.
   */
  static List<CompiledRule> untrusted(Function<String, LongAdder> hits) {
    CompiledRule.Test has = m -> m.contains(PAI);
    CompiledRule.Step[] strip = {m -> m.removeHeader(PAI)};
    LongAdder h = hits.apply(TRUST_ID);
    return List.of(
        new CompiledRule(TRUST_ID, null, false, 0, 0, has, strip, h),
        new CompiledRule(TRUST_ID, null, true, 100, 699, has, strip, h));
  }

  /** The response map: the first matching entry translates a failure response from the trunk. */
  static CompiledRule responseMap(ResponseMap map, LongAdder hits) {
    ResponseMapping[] entries = map.entries().toArray(new ResponseMapping[0]);
    boolean table = map.q850Table();
    CompiledRule.Test applies = m -> match(entries, m) != null
        || table && Q850.causeIn(m.values(HeaderNames.REASON)) == 0 && Q850.causeOf(m.status()) != 0;
    CompiledRule.Step step = m -> {
      ResponseMapping e = match(entries, m);
      if (e == null) {
        return setCause(m, Q850.causeOf(m.status()));
      }
      boolean changed = false;
      if (e.toStatus() != 0) {
        changed = m.setStatus(e.toStatus(), e.toReason());
      } else if (e.toReason() != null) {
        changed = m.setStatus(m.status(), e.toReason());
      }
      int cause = e.toCause() != null ? e.toCause()
          : e.toStatus() != 0 && Q850.causeIn(m.values(HeaderNames.REASON)) != 0 ? Q850.causeOf(e.toStatus())
          : 0;
      if (cause != 0) {
        changed |= setCause(m, cause);
      }
      return changed;
    };
    return new CompiledRule(RESPONSE_MAP_ID, null, true, 300, 699, applies, new CompiledRule.Step[] {step}, hits);
  }

  private static ResponseMapping match(ResponseMapping[] entries, MessageEdit m) {
    int cause = -1;
    for (ResponseMapping e : entries) {
      if (e.status() != 0 && e.status() != m.status()) {
        continue;
      }
      if (e.cause() != null) {
        if (cause < 0) {
          cause = Q850.causeIn(m.values(HeaderNames.REASON));
        }
        if (cause != e.cause()) {
          continue;
        }
      }
      return e;
    }
    return null;
  }

  /** Sets the Q.850 element of the Reason header (RFC 6432), keeping elements of other protocols. */
  static boolean setCause(MessageEdit m, int cause) {
    List<String> values = m.values(HeaderNames.REASON);
    String mine = "Q.850;cause=" + cause;
    List<String> out = new ArrayList<>(values.size() + 1);
    boolean placed = false;
    for (String v : values) {
      if (Q850.isQ850(v)) {
        if (!placed) {
          var p = MessageEdit.headerParams(v);
          if (p != null && Integer.toString(cause).equals(p.get("cause"))) {
            out.add(v);
          } else {
            // the old text= described the old cause: drop it with the cause
            out.add(mine);
          }
          placed = true;
        }
      } else {
        out.add(v);
      }
    }
    if (!placed) {
      out.add(mine);
    }
    return m.replaceHeader(HeaderNames.REASON, String.join(", ", out));
  }

  /**
   * The identity policy on INVITEs sent to the trunk (seed 000): a From number inside the trunk's
   * DDI ranges is asserted as it is, any other gets the default CLI in P-Asserted-Identity; the
   * Privacy header is removed as configured.
   */
  static CompiledRule identity(IdentityPolicy p, LongAdder hits) {
    NumberRange[] ddi = p.ddi().toArray(new NumberRange[0]);
    String defaultDigits = NumberRange.digits(p.defaultCli());
    String cc = p.countryCode();
    CompiledRule.Step step = m -> {
      String fromDisplay = m.addressDisplay(HeaderNames.FROM);
      String fromUser = m.addressUser(HeaderNames.FROM);
      boolean anonymous = m.isAddress(HeaderNames.FROM) && isAnonymous(fromDisplay,
          m.hasAddressUri(HeaderNames.FROM), fromUser, m.addressHost(HeaderNames.FROM));
      String fromDigits = national(fromUser == null ? null : NumberRange.digits(fromUser), cc);
      boolean paiHasUri = m.hasAddressUri(PAI);
      String assertedNow = m.addressUser(PAI);
      String asserted;
      if (RuleCompiler.inRange(fromDigits, ddi)) {
        asserted = fromDigits;
      } else {
        String paiDigits = national(paiHasUri ? NumberRange.digits(assertedNow)
            : RuleCompiler.number(m.first(PAI)), cc);
        asserted = RuleCompiler.inRange(paiDigits, ddi) ? paiDigits : defaultDigits;
      }
      boolean changed = false;
      // left alone only when PAI already asserts this number in E.164 form
      if (assertedNow == null || assertedNow.length() != asserted.length() + 1 || assertedNow.charAt(0) != '+'
          || !assertedNow.endsWith(asserted)) {
        String display = fromDisplay == null || anonymous ? "" : fromDisplay + " ";
        changed = m.replaceHeader(PAI, display + "<tel:+" + asserted + ">");
      }
      boolean strip = switch (p.privacy()) {
        case KEEP -> false;
        case STRIP -> true;
        case STRIP_UNLESS_ANONYMOUS -> !anonymous;
      };
      if (strip) {
        changed |= m.removeHeader(PRIVACY);
      }
      return changed;
    };
    CompiledRule.Step[] steps = {step};
    return new CompiledRule(IDENTITY_ID, SipRequest.INVITE, false, 0, 0, CompiledRule.ALWAYS, steps, hits);
  }

  /**
   * RFC 3323 §4.1.1.3: an anonymous From uses "Anonymous" / anonymous@anonymous.invalid. Takes
   * the From's display name as written, whether its URI is a sip/sips/tel URI, and its user and host.
   */
  static boolean isAnonymous(String display, boolean hasUri, String user, String host) {
    if (display != null && isAnonymousName(display)) {
      return true;
    }
    return hasUri && ("anonymous".equalsIgnoreCase(user) || "anonymous.invalid".equalsIgnoreCase(host));
  }

  /** A display name that reads "Anonymous" once quotes and surrounding blanks are left out. */
  private static boolean isAnonymousName(String d) {
    int from = 0;
    int to = d.length();
    while (from < to && (d.charAt(from) == '"' || d.charAt(from) == ' ')) {
      from++;
    }
    while (to > from && (d.charAt(to - 1) == '"' || d.charAt(to - 1) == ' ')) {
      to--;
    }
    return to - from == 9 && d.regionMatches(true, from, "anonymous", 0, 9);
  }

  /** National numbers (one leading 0) as country-code numbers when a country code is configured. */
  static String national(String digits, String cc) {
    if (digits == null || cc == null || digits.isEmpty()) {
      return digits;
    }
    if (digits.startsWith("00")) {
      return digits.substring(2);
    }
    if (digits.startsWith("0")) {
      return cc + digits.substring(1);
    }
    return digits;
  }
}
