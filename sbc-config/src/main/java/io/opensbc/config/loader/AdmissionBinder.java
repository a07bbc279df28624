package io.opensbc.config.loader;

import io.opensbc.config.model.Defaults;
import io.opensbc.config.model.admission.AdmissionConfig;
import io.opensbc.config.model.admission.RetryDamping;
import io.opensbc.config.model.admission.SourceRate;
import io.opensbc.config.validation.DurationRule;
import io.opensbc.config.validation.IntRule;
import io.opensbc.config.validation.Violations;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.nodes.Node;

/** Reads the top-level {@code admission} section (docs/flood-control.md); every key is optional. */
final class AdmissionBinder {
  static final String[] KEYS = {
    "unknown-sources",
    "retry-damping",
    "scanner-user-agents",
    "max-event-loop-lag",
    "final-response-cache"
  };
  static final String[] SOURCE_KEYS = {"rate", "burst", "over-limit", "block"};
  static final String[] DAMPING_KEYS = {"enabled", "max-attempts", "window", "status"};
  static final List<String> OVER_LIMIT = List.of("drop", "reject");
  static final double MAX_RATE = 100_000;
  static final String RATE = "more than 0 and at most 100000 requests per second, e.g. 20 or 0.5";
  static final String SCANNERS = "a list of User-Agent texts; [] for none";
  private static final Pattern DECIMAL = Pattern.compile("[+-]?[0-9]{1,9}(\\.[0-9]{1,9})?");

  private AdmissionBinder() {}

  static AdmissionConfig admission(Section root, Violations v) {
    Section s = Section.of(root.node("admission"), "admission", v, KEYS);
    return new AdmissionConfig(
        unknownSources(s, v),
        retryDamping(s, v),
        scanners(s, v),
        s.duration("max-event-loop-lag", Defaults.MAX_EVENT_LOOP_LAG, DurationRule.EVENT_LOOP_LAG),
        s.duration(
            "final-response-cache", Defaults.FINAL_RESPONSE_CACHE, DurationRule.RESPONSE_CACHE));
  }

  private static SourceRate unknownSources(Section admission, Violations v) {
    Section s =
        Section.of(
            admission.node("unknown-sources"), admission.child("unknown-sources"), v, SOURCE_KEYS);
    String over = s.choice("over-limit", "over-limit action", OVER_LIMIT);
    return new SourceRate(
        rate(s, v),
        s.integer("burst", Defaults.UNKNOWN_SOURCE_BURST, IntRule.BURST),
        over == null ? Defaults.UNKNOWN_SOURCE_DROP : over.equals("drop"),
        s.duration("block", Defaults.UNKNOWN_SOURCE_BLOCK, DurationRule.SOURCE_BLOCK));
  }

  /** {@code rate}: a decimal number of requests per second. */
  private static double rate(Section s, Violations v) {
    if (!s.has("rate")) {
      return Defaults.UNKNOWN_SOURCE_RATE;
    }
    String text = RuleValues.scalar(s.node("rate"), s.child("rate"), "a number", RATE, v);
    if (text == null) {
      return Defaults.UNKNOWN_SOURCE_RATE;
    }
    if (!DECIMAL.matcher(text.trim()).matches()) {
      v.add(s.child("rate"), "expected a number, got '" + text + "' (allowed: " + RATE + ")");
      return Defaults.UNKNOWN_SOURCE_RATE;
    }
    double rate = Double.parseDouble(text.trim());
    if (rate <= 0 || rate > MAX_RATE) {
      v.add(s.child("rate"), text.trim() + " is out of range (allowed: " + RATE + ")");
      return Defaults.UNKNOWN_SOURCE_RATE;
    }
    return rate;
  }

  private static RetryDamping retryDamping(Section admission, Violations v) {
    Section s =
        Section.of(
            admission.node("retry-damping"), admission.child("retry-damping"), v, DAMPING_KEYS);
    return new RetryDamping(
        s.bool("enabled", Defaults.RETRY_DAMPING_ENABLED),
        s.integer("max-attempts", Defaults.RETRY_DAMPING_MAX_ATTEMPTS, IntRule.MAX_ATTEMPTS),
        s.duration("window", Defaults.RETRY_DAMPING_WINDOW, DurationRule.RETRY_WINDOW),
        s.integer("status", Defaults.RETRY_DAMPING_STATUS, IntRule.REJECT_STATUS));
  }

  /** The default list when absent; {@code []} turns scanner detection off. */
  private static List<String> scanners(Section s, Violations v) {
    if (!s.has("scanner-user-agents")) {
      return AdmissionConfig.DEFAULT_SCANNERS;
    }
    List<String> out = new ArrayList<>();
    List<Node> nodes = s.sequence("scanner-user-agents", SCANNERS);
    for (int i = 0; i < nodes.size(); i++) {
      String path = s.child("scanner-user-agents") + "[" + i + "]";
      String text = RuleValues.scalar(nodes.get(i), path, "a User-Agent text", SCANNERS, v);
      if (text != null && text.isBlank()) {
        v.add(path, "must not be empty (allowed: " + SCANNERS + ")");
      } else if (text != null) {
        out.add(text);
      }
    }
    return out;
  }
}
