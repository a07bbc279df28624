package io.opensbc.config.validation;

import java.util.Collection;
import java.util.Locale;

/** "Did you mean" for a misspelt key or name. */
public final class Suggestions {
  private Suggestions() {}

  /** The closest candidate, if close enough to be a likely typo; else null. */
  public static String closest(String wrong, Collection<String> candidates) {
    String normWrong = normalize(wrong);
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (String c : candidates) {
      if (normalize(c).equals(normWrong)) {
        return c;
      }
      int d = distance(wrong.toLowerCase(Locale.ROOT), c.toLowerCase(Locale.ROOT));
      if (d < bestDistance) {
        bestDistance = d;
        best = c;
      }
    }
    int tolerance = Math.max(1, Math.min(3, wrong.length() / 3));
    return bestDistance <= tolerance ? best : null;
  }

  private static String normalize(String s) {
    return s.toLowerCase(Locale.ROOT).replace("-", "").replace("_", "");
  }

  /** Edit distance counting a swap of two neighbours as one edit (optimal string alignment). */
  static int distance(String a, String b) {
    int[] prev = new int[b.length() + 1];
    int[] cur = new int[b.length() + 1];
    int[] prevPrev = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      prev[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      cur[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
        if (i > 1
            && j > 1
            && a.charAt(i - 1) == b.charAt(j - 2)
            && a.charAt(i - 2) == b.charAt(j - 1)) {
          cur[j] = Math.min(cur[j], prevPrev[j - 2] + 1);
        }
      }
      int[] t = prevPrev;
      prevPrev = prev;
      prev = cur;
      cur = t;
    }
    return prev[b.length()];
  }
}
