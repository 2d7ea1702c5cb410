package org.glassplate.server.accounts;

import java.time.LocalDate;

/**
 * A completed training course (R-ACC-3). Current from {@code completedOn} until the day before
 * {@code expiresOn}; on {@code expiresOn} it has expired.
 *
 * @param id the record's id
 * @param course the course's name (free text: keep it out of logs and public audit fields)
 * @param completedOn the day the person completed it
 * @param expiresOn the first day it no longer counts
 */
public record TrainingRecord(long id, String course, LocalDate completedOn, LocalDate expiresOn) {

  public boolean currentOn(LocalDate day) {
    return !completedOn.isAfter(day) && day.isBefore(expiresOn);
  }
}
