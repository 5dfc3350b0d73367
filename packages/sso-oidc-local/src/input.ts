import { ServiceError } from "./errors";

// The members of an operation's JSON input, checked as the service checks them (InvalidRequestException).

export type Input = Record<string, unknown>;

export function requiredString(input: Input, member: string): string {
  const value = input[member];
  if (typeof value !== "string" || value === "") throw new ServiceError("InvalidRequestException", `${member} is required and must be a non-empty string`);
  return value;
}

export function optionalString(input: Input, member: string): string | undefined {
  const value = input[member];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== "string") throw new ServiceError("InvalidRequestException", `${member} must be a string`);
  return value;
}

export function optionalStrings(input: Input, member: string): string[] | undefined {
  const value = input[member];
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value) || value.some((v) => typeof v !== "string")) throw new ServiceError("InvalidRequestException", `${member} must be a list of strings`);
  return value as string[];
}
