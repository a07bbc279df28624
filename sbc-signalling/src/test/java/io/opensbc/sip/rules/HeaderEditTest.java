package io.opensbc.sip.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.opensbc.sip.message.HeaderField;
import io.opensbc.sip.message.HeaderNames;
import io.opensbc.sip.message.Headers;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The working header section answers every lookup as the immutable {@link Headers} it stands for
 * would, through any sequence of adds, removes and replacements: its absence filter (one bit per
 * name key, never cleared) may only ever save a scan, never hide a header.
 */
class HeaderEditTest {
  /** Names with colliding keys (same length, first and last letter) and list and non-list headers. */
  private static final String[] NAMES = {"Via", "From", "To", "Supported", "Privacy", "P-Asserted-Identity",
      "X-Called", "X-Cabled", "x-called", "X-MS-SBC", "Diversion", "Reason", "User-Agent", "X-A", "X-B", "XaB"};
  private static final String[] VALUES = {"a", "b, c", "<sip:a@b>;x=1, <tel:+1>", "", " , d", "e"};

  @Test
  void everyLookupAgreesWithTheImmutableSectionThroughRandomEdits() {
    Random rnd = new Random(20261203);
    for (int round = 0; round < 2_000; round++) {
      Headers model = Headers.EMPTY;
      for (int i = rnd.nextInt(6); i > 0; i--) {
        model = model.add(name(rnd), value(rnd));
      }
      HeaderEdit edit = new HeaderEdit(model);
      for (int op = 0; op < 12; op++) {
        String n = name(rnd);
        String v = value(rnd);
        switch (rnd.nextInt(4)) {
          case 0 -> {
            edit.add(n, v);
            model = model.add(n, v);
          }
          case 1 -> {
            assertEquals(model.contains(n), edit.remove(n), "remove " + n + " from " + model);
            model = model.remove(n);
          }
          case 2 -> {
            edit.set(n, v);
            model = model.set(n, v);
          }
          default -> {
            // reads only
          }
        }
        for (String q : NAMES) {
          String c = HeaderNames.canonical(q);
          String where = "round " + round + " op " + op + " " + q + " in " + model;
          assertEquals(model.contains(c), edit.contains(c), where);
          assertEquals(model.first(c), edit.first(c), where);
          assertEquals(model.values(c), edit.values(c), where);
        }
      }
      List<HeaderField> expected = model.fields();
      assertEquals(expected, edit.result().fields(), "round " + round);
    }
  }

  private static String name(Random rnd) {
    return HeaderNames.canonical(NAMES[rnd.nextInt(NAMES.length)]);
  }

  private static String value(Random rnd) {
    return VALUES[rnd.nextInt(VALUES.length)];
  }
}
