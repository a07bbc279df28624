package io.opensbc.config.model.rules;

import java.util.List;

/**
 * The calling identity a trunk accepts on requests sent to it (seed 000): the DDI ranges it owns
 * and the number to assert when the caller's number is not one of them.
 *
 * @param ddi the trunk's number ranges; a From number inside them is asserted as it is
 * @param defaultCli the number asserted (in P-Asserted-Identity) when the From number is outside
 * @param privacy what happens to {@code Privacy: id} on the way to the trunk
 * @param countryCode when set, national numbers (leading 0) are compared as +countryCode numbers
 */
public record IdentityPolicy(
    List<NumberRange> ddi, String defaultCli, PrivacyMode privacy, String countryCode) {
  public IdentityPolicy {
    ddi = List.copyOf(ddi);
    privacy = privacy == null ? PrivacyMode.STRIP_UNLESS_ANONYMOUS : privacy;
  }

  /**
   * True when {@code number} is in one of the {@link #ddi} ranges. With a {@link #countryCode}, a
   * national number ({@code 020...}) is also tried as {@code +CC20...}, and an international one
   * ({@code +CC20...}) as {@code 020...}, so ranges and numbers may be written either way.
   */
  public boolean owns(String number) {
    String digits = NumberRange.digits(number);
    if (digits == null || digits.isEmpty()) {
      return false;
    }
    String other = null;
    if (countryCode != null) {
      boolean international = number.trim().startsWith("+");
      if (!international && digits.startsWith("0")) {
        other = countryCode + digits.substring(1);
      } else if (international && digits.startsWith(countryCode)) {
        other = "0" + digits.substring(countryCode.length());
      }
    }
    for (NumberRange r : ddi) {
      if (r.contains(digits) || (other != null && r.contains(other))) {
        return true;
      }
    }
    return false;
  }

  public enum PrivacyMode {
    /** Leave the Privacy header as it came. */
    KEEP,
    /** Always remove it. */
    STRIP,
    /** Remove it unless the caller is anonymous (RFC 3323: From user or display "anonymous"). */
    STRIP_UNLESS_ANONYMOUS;

    public String configName() {
      return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
  }
}
