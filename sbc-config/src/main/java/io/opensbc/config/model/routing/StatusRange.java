package io.opensbc.config.model.routing;

/**
 * SIP status codes from {@code low} to {@code high} inclusive, written {@code 408}, {@code 5xx} or
 * {@code 500-599}.
 */
public record StatusRange(int low, int high, String text) {
  public boolean contains(int status) {
    return status >= low && status <= high;
  }

  public static boolean any(java.util.List<StatusRange> ranges, int status) {
    for (StatusRange r : ranges) {
      if (r.contains(status)) {
        return true;
      }
    }
    return false;
  }

  @Override
  public String toString() {
    return text;
  }
}
