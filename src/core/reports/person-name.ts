/**
 * A person's name beside their email in a sheet a formula fills (the house rule: a person is shown
 * by name, with the email beside it). `PERSON_NAME(emails, People emails, People names)` looks each
 * email up in People once per call: one column in, one column out, blank for a blank or unknown
 * email. Sheets' own lookups cannot do this in one array formula in every engine MarketOps runs in
 * (VLOOKUP needs the key left of the name; INDEX does not spread over an array), so it is a
 * vectorised custom function like the rules'.
 */
import type { SheetScalar, SheetValue } from "../scoring/vectorise";

function column(value: unknown): unknown[] {
  if (!Array.isArray(value)) return [value];
  return value.map((row: unknown) => (Array.isArray(row) ? (row as unknown[])[0] : row));
}

function key(value: unknown): string {
  return typeof value === "string" ? value.trim().toLowerCase() : "";
}

/**
 * @example personNames([["kong@example.com"], [""]], [["kong@example.com"]], [["孔令辉"]]) → [["孔令辉"], [""]]
 */
export function personNames(emails: unknown, peopleEmails: unknown, peopleNames: unknown): SheetValue {
  const names = new Map<string, string>();
  const keys = column(peopleEmails);
  const labels = column(peopleNames);
  keys.forEach((k, i) => {
    const email = key(k);
    const name = labels[i];
    if (email !== "" && !names.has(email)) names.set(email, typeof name === "string" ? name.trim() : "");
  });
  const lookup = (email: unknown): SheetScalar => names.get(key(email)) ?? "";
  if (!Array.isArray(emails)) return lookup(emails);
  const out = column(emails).map((e): SheetScalar[] => [lookup(e)]);
  let last = out.length;
  while (last > 0 && out[last - 1]?.[0] === "") last -= 1;
  return last === 0 ? [[""]] : out.slice(0, last);
}
