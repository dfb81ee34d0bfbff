import type { Skipped } from "./types";

const SHOWN = 3;

/**
 * Collects skipped records by reason, so a log with ten thousand notifications reports one line
 * ("transcript line 2, line 3, line 5 and 9997 more") instead of ten thousand.
 */
export class Skips {
  private byReason = new Map<string, { places: string[]; count: number }>();

  add(where: string, reason: string) {
    const entry = this.byReason.get(reason) ?? { places: [], count: 0 };
    if (entry.places.length < SHOWN) entry.places.push(where);
    entry.count++;
    this.byReason.set(reason, entry);
  }

  list(): Skipped[] {
    return [...this.byReason].map(([reason, { places, count }]) => ({
      where: count > places.length ? `${places.join(", ")} and ${count - places.length} more` : places.join(", "),
      reason,
      count,
    }));
  }
}
