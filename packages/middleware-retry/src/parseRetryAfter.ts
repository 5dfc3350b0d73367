/**
 * When the service asked to be retried, from `x-amz-retry-after` (milliseconds) or `Retry-After` (seconds, or an
 * HTTP date; RFC 9110 §10.2.3), as an absolute time in ms. Undefined when neither header is usable.
 */
export function parseRetryAfter(headers: Record<string, string | undefined> | undefined, now: number): number | undefined {
  if (!headers) return undefined;
  const amz = header(headers, "x-amz-retry-after");
  if (amz !== undefined && /^\d+$/.test(amz.trim())) return now + Number(amz.trim());
  const value = header(headers, "retry-after")?.trim();
  if (value === undefined || value === "") return undefined;
  if (/^\d+$/.test(value)) return now + Number(value) * 1000;
  // An HTTP date always names a day or month; this keeps odd numbers ("-3") from parsing as years.
  if (!/[a-z]/i.test(value)) return undefined;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : date;
}

function header(headers: Record<string, string | undefined>, name: string): string | undefined {
  if (headers[name] !== undefined) return headers[name];
  for (const key of Object.keys(headers)) if (key.toLowerCase() === name) return headers[key];
  return undefined;
}
