package io.opensbc.sip.rules;

import io.opensbc.config.model.SbcConfig;
import io.opensbc.config.model.TrunkConfig;
import io.opensbc.config.model.rules.Direction;
import io.opensbc.config.model.rules.Rule;
import io.opensbc.config.model.rules.RuleSet;
import io.opensbc.sip.message.SipMessage;
import io.opensbc.sip.message.SipRequest;
import io.opensbc.sip.message.SipResponse;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * Every trunk's rule chains, compiled once from a configuration and then only read (safe to share
 * between shards; a reload builds a new book and swaps it). A chain runs in this order:
 * inbound = RFC 3325 strip (untrusted trunks), the attached rule sets, the response map;
 * outbound = the attached rule sets, the identity policy, RFC 3325 strip (untrusted trunks).
 * Messages of callers that are not a trunk are treated as from an untrusted trunk.
 */
public final class RuleBook {
  private static final CompiledRule[] NONE = new CompiledRule[0];

  /** trunk name -> chains indexed by Direction.ordinal(). */
  private final Map<String, CompiledRule[][]> chains;
  private final CompiledRule[][] unknown;
  /** route name -> the route's rule sets, run on the first INVITE of a call taking that route. */
  private final Map<String, CompiledRule[]> routes;
  private final long version;

  private RuleBook(Map<String, CompiledRule[][]> chains, CompiledRule[][] unknown, Map<String, CompiledRule[]> routes,
      long version) {
    this.chains = chains;
    this.unknown = unknown;
    this.routes = routes;
    this.version = version;
  }

  /** A book with no rules at all (not even RFC 3325 stripping), for tests and tools. */
  public static RuleBook empty() {
    return new RuleBook(Map.of(), new CompiledRule[][] {NONE, NONE}, Map.of(), 0);
  }

  /** Compiles the rules of a configuration that passed validation. */
  public static RuleBook compile(SbcConfig config, RuleHits hits, long version) {
    Map<String, RuleSet> sets = new HashMap<>();
    for (RuleSet s : config.ruleSets()) {
      sets.put(s.name(), s);
    }
    RuleCompiler compiler = new RuleCompiler();
    Map<String, CompiledRule[][]> chains = new HashMap<>();
    for (TrunkConfig t : config.trunks()) {
      CompiledRule[][] c = new CompiledRule[2][];
      for (Direction d : Direction.values()) {
        String prefix = t.name() + "/" + d.configName() + "/";
        List<CompiledRule> chain = new ArrayList<>();
        if (d == Direction.INBOUND && !t.trusted()) {
          chain.addAll(Policies.untrusted(id -> hits.counter(prefix + id)));
        }
        for (String setName : t.rules().of(d)) {
          RuleSet set = sets.get(setName);
          if (set == null) {
            throw new IllegalArgumentException("trunk " + t.name() + " names unknown rule set " + setName);
          }
          for (Rule r : set.rules()) {
            String id = set.name() + "/" + r.name();
            chain.add(compiler.compile(id, r, hits.counter(prefix + id)));
          }
        }
        if (d == Direction.INBOUND && !t.responseMap().isEmpty()) {
          chain.add(Policies.responseMap(t.responseMap(), hits.counter(prefix + Policies.RESPONSE_MAP_ID)));
        }
        if (d == Direction.OUTBOUND && t.identity() != null) {
          chain.add(Policies.identity(t.identity(), hits.counter(prefix + Policies.IDENTITY_ID)));
        }
        if (d == Direction.OUTBOUND && !t.trusted()) {
          chain.addAll(Policies.untrusted(id -> hits.counter(prefix + id)));
        }
        c[d.ordinal()] = chain.toArray(NONE);
      }
      chains.put(t.name(), c);
    }
    CompiledRule[][] unknown = new CompiledRule[2][];
    for (Direction d : Direction.values()) {
      String prefix = "-/" + d.configName() + "/";
      unknown[d.ordinal()] = Policies.untrusted(id -> hits.counter(prefix + id)).toArray(NONE);
    }
    Map<String, CompiledRule[]> routes = new HashMap<>();
    for (var route : config.routes()) {
      List<CompiledRule> chain = new ArrayList<>();
      for (String setName : route.ruleSets()) {
        RuleSet set = sets.get(setName);
        if (set == null) {
          throw new IllegalArgumentException("route " + route.name() + " names unknown rule set " + setName);
        }
        for (Rule r : set.rules()) {
          String id = set.name() + "/" + r.name();
          chain.add(compiler.compile(id, r, hits.counter("route:" + route.name() + "/" + id)));
        }
      }
      if (!chain.isEmpty()) {
        routes.put(route.name(), chain.toArray(NONE));
      }
    }
    return new RuleBook(Map.copyOf(chains), unknown, Map.copyOf(routes), version);
  }

  /** Which configuration this book was compiled from (1, 2, ... per reload). */
  public long version() {
    return version;
  }

  /**
   * Runs the chain of {@code ctx.trunk()} for {@code ctx.direction()} on the message, in the
   * caller's workspace (one per shard). Returns null when no rule's selector and condition held
   * (the message goes on unchanged), so the common case allocates nothing.
   */
  public RuleOutcome apply(RuleContext ctx, SipMessage m, RuleWorkspace w) {
    CompiledRule[][] c = ctx.trunk() == null ? unknown : chains.get(ctx.trunk());
    CompiledRule[] chain = c == null ? unknown[ctx.direction().ordinal()] : c[ctx.direction().ordinal()];
    return run(chain, ctx, m, w);
  }

  /** {@link #apply(RuleContext, SipMessage, RuleWorkspace)} in a workspace of its own (tools, tests). */
  public RuleOutcome apply(RuleContext ctx, SipMessage m) {
    return apply(ctx, m, new RuleWorkspace());
  }

  /** Runs a route's rule sets on the INVITE of a call that took it; null when none matched. */
  public RuleOutcome applyRoute(String route, RuleContext ctx, SipMessage m, RuleWorkspace w) {
    CompiledRule[] chain = routes.get(route);
    return chain == null ? null : run(chain, ctx, m, w);
  }

  private static RuleOutcome run(CompiledRule[] chain, RuleContext ctx, SipMessage m, RuleWorkspace w) {
    if (chain.length == 0) {
      return null;
    }
    boolean isRequest = m instanceof SipRequest;
    String method = isRequest ? ((SipRequest) m).method() : ((SipResponse) m).method();
    int status = isRequest ? 0 : ((SipResponse) m).status();
    MessageEdit edit = null;
    try {
      String[] matched = null;
      String[] changedBy = null;
      int matchedCount = 0;
      int changedCount = 0;
      for (CompiledRule r : chain) {
        if (!r.selects(isRequest, method, edit == null ? status : edit.status())) {
          continue;
        }
        if (edit == null) {
          edit = w.start(m, method, ctx.sourceTrunk(), ctx.listener());
        }
        if (r.condition != CompiledRule.ALWAYS && !r.condition.test(edit)) {
          continue;
        }
        r.hits.increment();
        boolean changed = false;
        for (CompiledRule.Step s : r.steps) {
          changed |= s.run(edit);
          if (edit.rejected()) {
            break;
          }
        }
        if (matched == null) {
          matched = new String[chain.length];
          changedBy = new String[chain.length];
        }
        matched[matchedCount++] = r.id;
        if (changed) {
          changedBy[changedCount++] = r.id;
        }
        if (edit.rejected()) {
          break;
        }
      }
      if (matched == null) {
        return null;
      }
      return new RuleOutcome(edit.result(), new RuleOutcome.Ids(matched, matchedCount),
          new RuleOutcome.Ids(changedBy, changedCount), edit.rejectStatus(), edit.rejectReason());
    } finally {
      if (edit != null) {
        w.release();
      }
    }
  }

  /** Ids of the rules in a chain, in order (for the dry run and the docs). */
  public List<String> chain(String trunk, Direction d) {
    CompiledRule[][] c = trunk == null ? unknown : chains.get(trunk);
    List<String> out = new ArrayList<>();
    if (c != null) {
      for (CompiledRule r : c[d.ordinal()]) {
        if (out.isEmpty() || !out.get(out.size() - 1).equals(r.id)) {
          out.add(r.id);
        }
      }
    }
    return out;
  }

}
