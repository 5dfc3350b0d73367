import { ValidationError } from "@ssokit/core";

/** The error for an input JSON cannot hold (a BigInt, a cycle): names the members at fault, never a value. */
export function unsendableInput(body: Record<string, unknown>, members: readonly string[]): ValidationError {
  const bad = members.filter((m) => {
    try {
      JSON.stringify(body[m]);
      return false;
    } catch {
      return true;
    }
  });
  return new ValidationError(bad.map((m) => ({ path: `params.${m}`, code: "InvalidParameterType", message: `params.${m} cannot be sent as JSON` })));
}
