package io.opensbc.config.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ViolationsTest {
  @Test
  void fallsBackToTheNearestLocatedParentAndSortsByLine() {
    Violations v = new Violations();
    v.locate("trunks[0]", 7, 5);
    v.add("trunks[0].port", "x");
    v.add("nowhere", "y");
    assertEquals(new Violation(1, 1, "nowhere", "y"), v.list().get(0));
    assertEquals(new Violation(7, 5, "trunks[0].port", "x"), v.list().get(1));
  }

  @Test
  void knowsWhatWasReportedAtAPathOrBeneathIt() {
    Violations v = new Violations();
    v.add("listeners[1].port", "x");
    assertTrue(v.reported("listeners[1].port"));
    assertTrue(v.reported("listeners[1]"));
    assertFalse(v.reported("listeners[10]"));
    assertFalse(v.reported("listeners[1].host"));
  }

  @Test
  void tiesAValueInstanceToThePathItWasReadFrom() {
    Violations v = new Violations();
    String read = new String("x");
    v.origin(read, "rule-sets[0].rules[2]");
    v.origin(read, "elsewhere");
    assertEquals("rule-sets[0].rules[2]", v.pathOf(read, "fallback"), "the first path is kept");
    assertEquals("fallback", v.pathOf(new String("x"), "fallback"), "an equal value is not it");
    assertEquals("fallback", v.pathOf(null, "fallback"));
  }
}
