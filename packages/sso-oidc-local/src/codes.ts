import { randomBytes, randomInt, randomUUID } from "node:crypto";

// RFC 8628 §6.1: user codes from an alphabet without look-alike characters; 20 consonants, no vowels (no words).
const USER_CODE_ALPHABET = "BCDFGHJKLMNPQRSTVWXZ";

/** A user code like `BCDF-GHJK`: 8 characters, 20^8 ≈ 2.6e10 codes. */
export function userCode(): string {
  let code = "";
  for (let i = 0; i < 8; i++) code += (i === 4 ? "-" : "") + USER_CODE_ALPHABET[randomInt(USER_CODE_ALPHABET.length)];
  return code;
}

/** An opaque secret: 32 random bytes, base64url, with a prefix that tells what it is. */
export const secret = (prefix: string): string => `${prefix}${randomBytes(32).toString("base64url")}`;

export const requestId = (): string => randomUUID();

/** Normalises what a person typed: case, spaces and dashes do not matter. */
export const normalizeUserCode = (text: string): string => {
  const bare = text.toUpperCase().replace(/[^A-Z]/g, "");
  return bare.length === 8 ? `${bare.slice(0, 4)}-${bare.slice(4)}` : bare;
};
