import { describe, expect, it } from "vitest";
import { inBandFailure } from "./in-band-failure";

describe("inBandFailure", () => {
  it.each([
    ["Error: Reservation ABC123 not found", "Error: Reservation ABC123 not found"],
    ["error: user id is required", "error: user id is required"],
    ["ERROR 1045 access denied", "ERROR 1045 access denied"],
    ["Exception occurred while booking", "Exception occurred while booking"],
    ["Traceback (most recent call last):\n  File \"x.py\", line 3", "Traceback (most recent call last):"],
    ["ValueError: invalid literal for int()", "ValueError: invalid literal for int()"],
    ["fatal: not a git repository", "fatal: not a git repository"],
    ["  \n Error: leading whitespace", "Error: leading whitespace"],
    ["Error executing tool get_user: connection refused", "Error executing tool get_user: connection refused"],
    ['Exception in thread "main" java.lang.NullPointerException', 'Exception in thread "main" java.lang.NullPointerException'],
  ])("reads text starting %j as a failure", (text, reason) => {
    expect(inBandFailure(text)).toBe(reason);
  });

  it.each([
    [{ error: "Reservation not found", response: "" }, "the result's error field is set: Reservation not found"],
    [{ errors: [{ message: "bad date" }] }, "the result's errors field is set"],
    [{ exception: { message: "timeout" } }, "the result's exception field is set: timeout"],
    [{ status: 404, body: "missing" }, "the result's status is 404"],
    [{ status_code: "503" }, "the result's status_code is 503"],
    [{ isError: true, content: [{ type: "text", text: "Unknown tool" }] }, "the result is marked as an error: Unknown tool"],
    [{ is_error: true }, "the result is marked as an error"],
    ['{"error": "card declined"}', "the result's error field is set: card declined"],
  ])("reads JSON %j as a failure", (result, reason) => {
    expect(inBandFailure(result)).toBe(reason);
  });

  it.each([
    "No errors found in 3 files",
    "Booked. An error in the seat map was fixed by the airline.",
    "Errors: 0",
    "Error-free run, 12 rows",
    "",
    "Reservation ABC123 confirmed",
    "Error handling added to 3 routes",
    "Exception list updated",
    "error: null",
    "errors: []",
  ])("does not read %j as a failure", (text) => {
    expect(inBandFailure(text)).toBeNull();
  });

  it.each([
    { error: null, response: "ok" },
    { error: "", response: "ok" },
    { errors: [] },
    { error: false },
    { error: 0 },
    { errors: 0, warnings: 2 },
    { status: "active" },
    { status: 200 },
    { status: 1200 },
    { isError: false },
    [{ error: "inside a list is data, not the call's outcome" }],
    { data: { error: "a nested field is data" } },
    42,
    null,
  ])("does not read %j as a failure", (result) => {
    expect(inBandFailure(result)).toBeNull();
  });
});
