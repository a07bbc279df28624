package io.opensbc.sip.rules;

import io.opensbc.config.model.rules.Direction;

/**
 * Where a message is crossing: the trunk whose rules run, the direction, and the facts conditions
 * can test (the trunk the call came from, the listener it arrived on; either may be null).
 */
public record RuleContext(String trunk, Direction direction, String sourceTrunk, String listener) {}
