import type { InputShape } from "../protocol/inputShape";

/**
 * CreateTokenWithIAM's input members, in the order they are sent. A module of its own so that code that must know
 * them before the command is loaded (the v2 client, which loads the signer only for its first signed call) need
 * not import the command, and with it the signer.
 */
export const createTokenWithIAMInput: InputShape = {
  clientId: { type: "string", required: true },
  grantType: { type: "string", required: true },
  code: { type: "string" },
  refreshToken: { type: "string" },
  assertion: { type: "string" },
  scope: { type: "strings" },
  redirectUri: { type: "string" },
  subjectToken: { type: "string" },
  subjectTokenType: { type: "string" },
  requestedTokenType: { type: "string" },
  codeVerifier: { type: "string" },
};
