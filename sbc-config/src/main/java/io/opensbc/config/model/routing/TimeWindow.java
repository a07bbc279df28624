package io.opensbc.config.model.routing;

import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Set;

/**
 * A weekly time window for routes, written {@code {days: [mon, tue], from: "08:00", to: "18:00",
 * zone: Europe/London}}. {@code to} before {@code from} wraps past midnight.
 */
public record TimeWindow(Set<DayOfWeek> days, LocalTime from, LocalTime to, ZoneId zone) {
  public TimeWindow {
    days = Set.copyOf(days);
  }

  public boolean contains(ZonedDateTime instant) {
    ZonedDateTime t = instant.withZoneSameInstant(zone);
    LocalTime now = t.toLocalTime();
    if (!from.isAfter(to)) {
      return days.contains(t.getDayOfWeek()) && !now.isBefore(from) && now.isBefore(to);
    }
    // wraps midnight: the part after midnight belongs to the day before
    if (!now.isBefore(from)) {
      return days.contains(t.getDayOfWeek());
    }
    return now.isBefore(to) && days.contains(t.getDayOfWeek().minus(1));
  }
}
