/**
 * When the service asked to be retried, from `x-amz-retry-after` (milliseconds) or `Retry-After` (seconds, or an
 * HTTP date; RFC 9110 §10.2.3), as an absolute time in ms. Undefined when neither header is usable. Both request
 * handlers give header names in lower case.
 */
export function parseRetryAfter(headers: Record<string, string | undefined> | undefined, now: number): number | undefined {
  const amz = headers?.["x-amz-retry-after"]?.trim();
  if (amz && /^\d+$/.test(amz)) return now + +amz;
  const value = headers?.["retry-after"]?.trim();
  if (!value) return undefined;
  if (/^\d+$/.test(value)) return now + +value * 1000;
  // An HTTP date always names a day or a month; this keeps odd numbers ("-3") from parsing as years.
  const date = /[a-z]/i.test(value) ? Date.parse(value) : NaN;
  return date === date ? date : undefined;
}
