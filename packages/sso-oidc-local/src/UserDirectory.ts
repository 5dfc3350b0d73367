import { createHash } from "node:crypto";
import type { IdentityStoreAttributePath, LocalUser } from "./iamOptions";

/** A user with every default filled in. */
export type User = Required<Pick<LocalUser, "userName" | "userId" | "displayName">> & Pick<LocalUser, "email" | "externalId">;

/** A UUID made from the user name: the same user has the same id on every start, as in a real identity store. */
const stableId = (userName: string) => {
  const h = createHash("sha256").update(`ssokit-local-user:${userName}`).digest("hex");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-8${h.slice(13, 16)}-${((parseInt(h[16], 16) & 3) | 8).toString(16)}${h.slice(17, 20)}-${h.slice(20, 32)}`;
};

/** The identity store's people: found by what a person types to sign in, or by an attribute a JWT's claim maps to. */
export class UserDirectory {
  private readonly users: User[];

  constructor(users: LocalUser[] = []) {
    this.users = users.map((u) => ({ ...u, userId: u.userId ?? stableId(u.userName), displayName: u.displayName ?? u.userName }));
  }

  /** The first user, whom scripts sign in as when they name nobody. */
  first(): User | undefined {
    return this.users[0];
  }

  byId(userId: string): User | undefined {
    return this.users.find((u) => u.userId === userId);
  }

  /** The user who typed `typed` to sign in: their user name, or their email (case does not matter in either). */
  signIn(typed: string): User | undefined {
    const t = typed.trim().toLowerCase();
    return t ? this.users.find((u) => u.userName.toLowerCase() === t || u.email?.toLowerCase() === t) : undefined;
  }

  /** The user whose `attribute` is `value`, as a trusted token issuer's claim is mapped to a user. */
  byAttribute(attribute: IdentityStoreAttributePath, value: string): User | undefined {
    // Emails compare without regard to case, as addresses do; identifiers exactly.
    const fold = (v: string) => (attribute === "emails.value" ? v.toLowerCase() : v);
    const of = (u: User) => (attribute === "emails.value" ? u.email : attribute === "userName" ? u.userName : attribute === "externalIds.value" ? u.externalId : u.userId);
    return this.users.find((u) => of(u) !== undefined && fold(of(u)!) === fold(value));
  }
}
