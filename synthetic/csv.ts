/** CSV fields as the challenge files write them (RFC 4180 quoting, only where needed). */

const NEEDS_QUOTES = /[",\r\n]/;

export function csvField(value: string | number): string {
  if (typeof value === 'number') return String(value);
  return NEEDS_QUOTES.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

export function csvLine(fields: readonly (string | number)[]): string {
  return fields.map(csvField).join(',') + '\n';
}
