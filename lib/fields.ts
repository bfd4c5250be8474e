import { z } from "@/lib/zod";

// Field schemas every module shares: ids, calendar days, page sizes.

export const PAGE_SIZES = [10, 25, 50, 100] as const;

/** A list's `page` (from 1) and `size` (one of PAGE_SIZES) query parameters, as every paged list reads them. */
export function pageFields(defaultSize: (typeof PAGE_SIZES)[number]) {
  return {
    page: z.coerce
      .number("Page must be a number.")
      .int("Page must be a whole number.")
      .min(1, "Pages start at 1.")
      .max(100_000, "That page is out of range.")
      .default(1),
    size: z.coerce
      .number("Page size must be a number.")
      .refine((v) => (PAGE_SIZES as readonly number[]).includes(v), `Page size is one of ${PAGE_SIZES.join(", ")}.`)
      .default(defaultSize),
  };
}

/** A real day of the calendar as YYYY-MM-DD: 2024-13-45 and 2023-02-29 fail here, not later as a 500 from the database. */
export function isCalendarDate(value: string): boolean {
  const day = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(day.getTime()) && day.toISOString().slice(0, 10) === value;
}
export const calendarDateField = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, { message: "Use the form YYYY-MM-DD.", abort: true })
  .refine(isCalendarDate, { message: "That day does not exist.", abort: true });

export const idField = z
  .string()
  .min(1, "Missing id.")
  .max(64, "That id is not valid.")
  .regex(/^[a-z0-9]+$/i, "That id is not valid.");
