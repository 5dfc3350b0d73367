import { loadModule } from "@ssokit/core";
import { CreateTokenCommand } from "../commands/CreateTokenCommand";
import { createTokenWithIAMInput } from "../commands/createTokenWithIAMInput";
import { RegisterClientCommand } from "../commands/RegisterClientCommand";
import { StartDeviceAuthorizationCommand } from "../commands/StartDeviceAuthorizationCommand";
import type { CommandSpec } from "@ssokit/core";
import type { OperationSchema } from "../commands/commandSpec";
import type { CommandClass } from "./Request";

/** One operation as the v2 client calls it by name, as v2's API model describes it. */
export interface Operation {
  /** The command class; for the signed operation, a promise of it, as it loads with the signer on first use. */
  command(): CommandClass | Promise<CommandClass>;
  /** The input's members: the bound parameters a call takes. */
  members: readonly string[];
  /** Signed (v2's method calls `makeRequest`) or not (`makeUnauthenticatedRequest`), as the model's `authtype` says. */
  signed: boolean;
}

const membersOf = (Command: CommandClass): readonly string[] =>
  (Command.prototype as unknown as { spec(): CommandSpec<never> & { schema: OperationSchema } }).spec().schema.members;

const unsigned = (Command: CommandClass): Operation => ({ command: () => Command, members: membersOf(Command), signed: false });

/** The signer and the signed command, loaded on the first signed call. */
export const loadSigning = () => loadModule(() => import("./signing"), "the signing code");

/** The operations by v2's names for them (`makeRequest("createToken", ...)`). */
export const OPERATIONS: Readonly<Record<string, Operation>> = {
  createToken: unsigned(CreateTokenCommand),
  createTokenWithIAM: { command: () => loadSigning().then((m) => m.CreateTokenWithIAMCommand), members: Object.keys(createTokenWithIAMInput), signed: true },
  registerClient: unsigned(RegisterClientCommand),
  startDeviceAuthorization: unsigned(StartDeviceAuthorizationCommand),
};

/** The operation named `name`, if SSO OIDC has it (not one of `Object.prototype`'s names). */
export const operationOf = (name: string): Operation | undefined => (Object.prototype.hasOwnProperty.call(OPERATIONS, name) ? OPERATIONS[name] : undefined);
