package io.opensbc.config.loader;

import io.opensbc.config.model.signalling.RedirectPolicy;
import io.opensbc.config.model.signalling.ReferMode;
import io.opensbc.config.model.signalling.TrunkTransfer;
import io.opensbc.config.validation.HostRule;
import io.opensbc.config.validation.IntRule;
import io.opensbc.config.validation.Violations;
import java.util.Arrays;
import java.util.List;

/**
 * Reads the {@code transfer} keys of a {@code trunks[i]} item (docs/transfers.md):
 * <pre>
 * transfer:
 *   refer: passthrough | handle-locally | auto
 *   redirect: {mode: pass-through | recurse, max-hops: 3, allowed-targets: [carrier.example.com, "*.example.net"]}
 * </pre>
 */
final class TransferBinder {
  static final String[] KEYS = {"refer", "redirect"};
  static final String[] REDIRECT_KEYS = {"mode", "max-hops", "allowed-targets"};
  static final List<String> REFER_MODES = Arrays.stream(ReferMode.values()).map(ReferMode::configName).toList();
  static final List<String> REDIRECT_MODES = List.of("pass-through", "recurse");
  static final IntRule MAX_HOPS = new IntRule(1, 10, "1-10");
  static final String TARGETS = "a list of host names or addresses, or *.domain suffixes";

  private TransferBinder() {}

  static TrunkTransfer transfer(Section trunk, Violations v) {
    if (!trunk.has("transfer")) {
      return TrunkTransfer.DEFAULT;
    }
    Section s = Section.of(trunk.node("transfer"), trunk.child("transfer"), v, KEYS);
    String refer = s.choice("refer", "refer mode", REFER_MODES);
    return new TrunkTransfer(refer == null ? ReferMode.PASSTHROUGH : ReferMode.values()[REFER_MODES.indexOf(refer)],
        redirect(s, v));
  }

  private static RedirectPolicy redirect(Section transfer, Violations v) {
    if (!transfer.has("redirect")) {
      return RedirectPolicy.PASS_THROUGH;
    }
    Section s = Section.of(transfer.node("redirect"), transfer.child("redirect"), v, REDIRECT_KEYS);
    String mode = s.choice("mode", "redirect mode", REDIRECT_MODES);
    List<String> targets = SecurityBinder.strings(s, "allowed-targets", TARGETS, v);
    for (int i = 0; i < targets.size(); i++) {
      String t = targets.get(i);
      String problem = HostRule.check(t.startsWith("*.") ? t.substring(2) : t);
      if (problem != null) {
        v.add(s.child("allowed-targets") + "[" + i + "]", problem + " (allowed: " + TARGETS + ")");
      }
    }
    return new RedirectPolicy("recurse".equals(mode),
        s.integer("max-hops", RedirectPolicy.DEFAULT_MAX_HOPS, MAX_HOPS), targets);
  }
}
