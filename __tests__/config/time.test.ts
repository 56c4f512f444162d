import { isValidTimeZone, parseLocalDateTime, zonedToUtc } from "../../lib/core/time";

describe("zonedToUtc", () => {
  test.each([
    ["2026-11-27T08:00", "America/New_York", "2026-11-27T13:00:00.000Z"], // EST, UTC-5
    ["2026-07-01T08:00", "America/New_York", "2026-07-01T12:00:00.000Z"], // EDT, UTC-4
    ["2026-11-27T08:00", "Europe/Berlin", "2026-11-27T07:00:00.000Z"],
    ["2026-11-27T08:00", "Asia/Kolkata", "2026-11-27T02:30:00.000Z"], // half-hour offset
    ["2026-11-27T08:00:30", "UTC", "2026-11-27T08:00:30.000Z"],
    ["2026-12-31T23:30", "Pacific/Auckland", "2026-12-31T10:30:00.000Z"], // NZDT crosses the date line
  ])("%s in %s is %s", (local, tz, utc) => {
    expect(zonedToUtc(local, tz).toISOString()).toBe(utc);
  });

  test("a time skipped by the spring-forward jump moves forward by the jump", () => {
    // 2026-03-08 02:30 does not exist in New York; 03:30 EDT = 07:30 UTC.
    expect(zonedToUtc("2026-03-08T02:30", "America/New_York").toISOString()).toBe("2026-03-08T07:30:00.000Z");
  });
});

describe("parseLocalDateTime and isValidTimeZone", () => {
  test("rejects dates that do not exist and times out of range", () => {
    expect(parseLocalDateTime("2026-02-29T10:00")).toBeUndefined(); // 2026 is not a leap year
    expect(parseLocalDateTime("2028-02-29T10:00")).toBeDefined();
    expect(parseLocalDateTime("2026-11-27T24:00")).toBeUndefined();
    expect(parseLocalDateTime("2026-11-27 08:00")).toBeUndefined();
  });

  test("accepts IANA zones only", () => {
    expect(isValidTimeZone("Europe/Berlin")).toBe(true);
    expect(isValidTimeZone("UTC")).toBe(true);
    expect(isValidTimeZone("CET")).toBe(false);
    expect(isValidTimeZone("Europe/Atlantis")).toBe(false);
  });
});
