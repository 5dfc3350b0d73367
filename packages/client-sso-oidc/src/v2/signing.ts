// What a signed call of the v2 client needs, split off: the signed command and the SigV4 signer load on the first
// signed call, so v2 code that never signs (a device login) does not carry them.
export { CreateTokenWithIAMCommand } from "../commands/CreateTokenWithIAMCommand";
export { getHttpSigningPlugin } from "@ssokit/middleware-signing";
