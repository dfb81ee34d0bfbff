import { CronExpressionParser } from "cron-parser";
import cronstrue from "cronstrue";
// cron-parser computes zoned times with Luxon, so the zone is checked by the same library.
import { IANAZone } from "luxon";
import { ApiError } from "../errors";

/** The next `count` fire times of a 5-field cron in an IANA zone; a 422 names what is wrong. */
export function nextFireTimes(cron: string, timezone: string, after: Date, count: number, where = "body"): Date[] {
  if (cron.split(/\s+/).length !== 5) throw new ApiError("validation_error", `${where}.cron: use 5 fields: minute hour day-of-month month day-of-week`, { field: `${where}.cron` });
  if (!IANAZone.isValidZone(timezone)) throw new ApiError("validation_error", `${where}.timezone: "${timezone}" is not an IANA time zone`, { field: `${where}.timezone` });
  try {
    const it = CronExpressionParser.parse(cron, { currentDate: after, tz: timezone });
    return Array.from({ length: count }, () => it.next().toDate());
  } catch (err) {
    throw new ApiError("validation_error", `${where}.cron: ${(err as Error).message}`, { field: `${where}.cron` });
  }
}

export function describeCron(cron: string) {
  try {
    return cronstrue.toString(cron, { use24HourTimeFormat: true, verbose: false });
  } catch {
    return cron;
  }
}
