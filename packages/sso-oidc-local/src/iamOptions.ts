// What CreateTokenWithIAM needs to know, in the shapes IAM Identity Center's own configuration has (sso-admin's
// PutApplicationGrant and CreateTrustedTokenIssuer), with an issuer's URL where AWS has its ARN: the principals that
// may call it (IAM credentials), the people of the identity store (users), the identity providers whose JWTs it
// trusts (trusted token issuers) and the applications with their grants.

/** AWS credentials the service accepts on signed calls, as IAM would for a principal. */
export interface IamCredentials {
  /** The access key id a signature's `Credential=` names. */
  accessKeyId: string;
  /** The secret access key requests are signed with. Never logged, echoed or shown. */
  secretAccessKey: string;
  /** The session token of temporary credentials (`x-amz-security-token`): when set, requests must carry it; when not, they must not carry one. @default none */
  sessionToken?: string;
  /**
   * ARNs of the applications these credentials may call CreateTokenWithIAM for, as the resources of the principal's
   * IAM policy would be; any other is AccessDeniedException. @default every application
   */
  applications?: string[];
}

/** A person of the identity store: who signs in on the `/authorize` page, whom an issuer's JWT is mapped to. */
export interface LocalUser {
  /** Unique; what the person types to sign in (so can their email); `userName` as an identity store attribute. */
  userName: string;
  /** The user's id in the identity store: the id token's `sub`; `id` as an attribute. @default a UUID made from userName, the same on every start */
  userId?: string;
  /** `emails.value` as an attribute. @default none */
  email?: string;
  /** `externalIds.value` as an attribute, such as the user's id at the identity provider. @default none */
  externalId?: string;
  /** The name shown on pages. @default userName */
  displayName?: string;
}

/** The user attributes an issuer's claim can be compared with. */
export const IDENTITY_STORE_ATTRIBUTES = ["emails.value", "userName", "externalIds.value", "id"] as const;
export type IdentityStoreAttributePath = (typeof IDENTITY_STORE_ATTRIBUTES)[number];

/** A JSON Web Key set: public keys, each an object with at least `kty`. */
export interface JwkSet {
  keys: Array<{ kty: string; [member: string]: unknown }>;
}

/** An identity provider whose JWTs applications may exchange (the JWT bearer grant, RFC 7523). */
export interface TrustedTokenIssuer {
  /** The issuer's URL, exactly as its JWTs' `iss` claim has it. */
  issuerUrl: string;
  /**
   * The public keys its JWTs are signed with: a JWK set (`{ "keys": [...] }`), or the http(s) URL of one, fetched
   * when a JWT needs it and cached 10 minutes (jose's `createRemoteJWKSet`), as AWS reads an issuer's keys.
   */
  jwks: JwkSet | string;
  /** Where in the JWT's claims the user's identifier is: a claim name, with dots into objects (`email`, `preferred_username`, `ext.uid`). @default "email" */
  claimAttributePath?: string;
  /** The user attribute that value must equal: `emails.value`, `userName`, `externalIds.value` or `id`. @default "emails.value" */
  identityStoreAttributePath?: IdentityStoreAttributePath;
}

/** The grants of an application, by the names sso-admin's PutApplicationGrant gives them; a grant left out is UnauthorizedClientException. */
export interface ApplicationGrants {
  /** `authorization_code`: the `/authorize` page signs a user in, with PKCE (S256), back to one of these URIs (https, or http on 127.0.0.1 or [::1], any port). */
  authorizationCode?: { redirectUris: string[] };
  /** `refresh_token`: other grants then issue refresh tokens too, which work once (rotation). */
  refreshToken?: Record<string, never>;
  /** `urn:ietf:params:oauth:grant-type:jwt-bearer`: JWTs of these issuers (by `issuerUrl`, among `trustedTokenIssuers`) whose `aud` is one of the audiences. */
  jwtBearer?: { authorizedTokenIssuers: Array<{ issuerUrl: string; authorizedAudiences: string[] }> };
  /** `urn:ietf:params:oauth:grant-type:token-exchange`: an access token this service issued to another application, for one of this application. */
  tokenExchange?: Record<string, never>;
}

/** An application of IAM Identity Center that exchanges its users' grants with CreateTokenWithIAM. */
export interface LocalApplication {
  /** Its ARN, `arn:aws:sso::<account>:application/ssoins-<id>/apl-<id>`: CreateTokenWithIAM's `clientId`. */
  arn: string;
  /** The name the `/authorize` page shows. @default the ARN's `apl-` part */
  name?: string;
  /** Scopes it may be granted besides `openid`, `aws` and `sts:identity_context`, which every application has. @default [] */
  scopes?: string[];
  grants: ApplicationGrants;
}

/** The CreateTokenWithIAM part of the service's options. */
export interface IamOptions {
  /** The region this IAM Identity Center instance is in: signatures scoped to another get InvalidRequestRegionException, naming this one. @default "us-east-1" */
  region?: string;
  /** Who may call CreateTokenWithIAM (`POST /token?aws_iam=t`), checked by SigV4. @default none: every signed call is UnrecognizedClientException */
  iamCredentials?: IamCredentials[];
  /** The identity store. @default none */
  users?: LocalUser[];
  /** Identity providers whose JWTs the JWT bearer grant takes. @default none */
  trustedTokenIssuers?: TrustedTokenIssuer[];
  /** Applications, by ARN, with their grants. @default none */
  applications?: LocalApplication[];
  /** The identity store's id, in id tokens (`aws:identity_store_id`). @default "d-0000000000" */
  identityStoreId?: string;
}

/** Matches an application ARN and captures its account and instance. */
export const APPLICATION_ARN = /^arn:aws[a-z-]*:sso::(\d{12}):application\/(ssoins-[0-9a-zA-Z]+)\/apl-[0-9a-zA-Z]+$/;

/** RFC 8252: a native app's redirect is a loopback http URI (any port at run time); anything else needs https. */
export const redirectUriAcceptable = (uri: string) => /^https:\/\/\S+$/.test(uri) || /^http:\/\/(127\.0\.0\.1|\[::1\])(:\d+)?\/\S*$/.test(uri);

/** What an AWS region looks like (us-east-1, eu-central-2, us-gov-west-1). */
export const AWS_REGION = /^[a-z]{2}(-[a-z]+)+-\d+$/;

/**
 * Checks the CreateTokenWithIAM options before the service starts: a mistake there is a TypeError that names the
 * option and says what it should be (never quoting a secret), not a refusal at the first call.
 */
export function checkIamOptions(options: IamOptions): void {
  const fail = (path: string, should: string): never => {
    throw new TypeError(`${path} ${should}`);
  };
  const list = <T>(value: T[] | undefined, path: string): T[] => (value === undefined ? [] : Array.isArray(value) ? value : fail(path, "must be a list"));
  const text = (value: unknown, path: string) => (typeof value === "string" && value !== "" ? value : fail(path, "must be a non-empty string"));
  const texts = (value: unknown, path: string) => list(value as unknown[] | undefined, path).forEach((v, i) => text(v, `${path}[${i}]`));
  const unique = (values: (string | undefined)[], path: string, what: string) => {
    const seen = new Set<string>();
    for (const v of values) if (v !== undefined && seen.has(v)) fail(path, `has two entries with the ${what} ${JSON.stringify(v)}`);
    else if (v !== undefined) seen.add(v);
  };
  if (options.region !== undefined && !AWS_REGION.test(options.region)) fail("region", `must be an AWS region such as us-east-1, not ${JSON.stringify(options.region)}`);

  const apps = list(options.applications, "applications");
  apps.forEach((a, i) => {
    if (!APPLICATION_ARN.test(text(a?.arn, `applications[${i}].arn`))) fail(`applications[${i}].arn`, "must be an application ARN such as arn:aws:sso::123456789012:application/ssoins-1111111111111111/apl-2222222222222222");
    if (a.name !== undefined) text(a.name, `applications[${i}].name`);
    texts(a.scopes, `applications[${i}].scopes`);
    if (!a.grants || typeof a.grants !== "object") fail(`applications[${i}].grants`, "must be an object of grants (authorizationCode, refreshToken, jwtBearer, tokenExchange)");
    const unknown = Object.keys(a.grants).find((g) => !["authorizationCode", "refreshToken", "jwtBearer", "tokenExchange"].includes(g));
    if (unknown) fail(`applications[${i}].grants.${unknown}`, "is not a grant: use authorizationCode, refreshToken, jwtBearer or tokenExchange");
    const code = a.grants.authorizationCode;
    if (code) {
      const uris = list(code.redirectUris, `applications[${i}].grants.authorizationCode.redirectUris`);
      if (uris.length === 0) fail(`applications[${i}].grants.authorizationCode.redirectUris`, "must list at least one redirect URI");
      uris.forEach((u, j) => redirectUriAcceptable(text(u, `applications[${i}].grants.authorizationCode.redirectUris[${j}]`)) || fail(`applications[${i}].grants.authorizationCode.redirectUris[${j}]`, "must be https, or http on 127.0.0.1 or [::1]"));
    }
    const jwt = a.grants.jwtBearer;
    if (jwt) {
      const issuers = list(jwt.authorizedTokenIssuers, `applications[${i}].grants.jwtBearer.authorizedTokenIssuers`);
      if (issuers.length === 0) fail(`applications[${i}].grants.jwtBearer.authorizedTokenIssuers`, "must list at least one issuer");
      issuers.forEach((t, j) => {
        const at = `applications[${i}].grants.jwtBearer.authorizedTokenIssuers[${j}]`;
        const url = text(t?.issuerUrl, `${at}.issuerUrl`);
        if (!list(options.trustedTokenIssuers, "trustedTokenIssuers").some((x) => x?.issuerUrl === url)) fail(`${at}.issuerUrl`, `must be the issuerUrl of one of trustedTokenIssuers; ${JSON.stringify(url)} is not`);
        if (list(t.authorizedAudiences, `${at}.authorizedAudiences`).length === 0) fail(`${at}.authorizedAudiences`, "must list at least one audience (the aud the issuer's JWTs carry for this application)");
        texts(t.authorizedAudiences, `${at}.authorizedAudiences`);
      });
    }
  });
  unique(apps.map((a) => a.arn), "applications", "arn");

  const issuers = list(options.trustedTokenIssuers, "trustedTokenIssuers");
  issuers.forEach((t, i) => {
    if (!/^https?:\/\/\S+$/.test(text(t?.issuerUrl, `trustedTokenIssuers[${i}].issuerUrl`))) fail(`trustedTokenIssuers[${i}].issuerUrl`, "must be an http(s) URL");
    const jwks = t.jwks;
    const isSet = jwks && typeof jwks === "object" && Array.isArray(jwks.keys) && jwks.keys.length > 0 && jwks.keys.every((k) => k && typeof k === "object" && typeof k.kty === "string");
    if (!isSet && !(typeof jwks === "string" && /^https?:\/\/\S+$/.test(jwks))) fail(`trustedTokenIssuers[${i}].jwks`, 'must be a JWK set ({ "keys": [{ "kty": ... }] }) or the http(s) URL of one');
    if (t.claimAttributePath !== undefined && !/^\p{L}+(?:[._]\p{L}+)*$/u.test(text(t.claimAttributePath, `trustedTokenIssuers[${i}].claimAttributePath`))) {
      fail(`trustedTokenIssuers[${i}].claimAttributePath`, "must be a claim name, with dots into objects, such as email or ext.uid");
    }
    if (t.identityStoreAttributePath !== undefined && !IDENTITY_STORE_ATTRIBUTES.includes(t.identityStoreAttributePath)) {
      fail(`trustedTokenIssuers[${i}].identityStoreAttributePath`, `must be one of ${IDENTITY_STORE_ATTRIBUTES.join(", ")}`);
    }
  });
  unique(issuers.map((t) => t.issuerUrl), "trustedTokenIssuers", "issuerUrl");

  const users = list(options.users, "users");
  users.forEach((u, i) => {
    text(u?.userName, `users[${i}].userName`);
    for (const k of ["userId", "email", "externalId", "displayName"] as const) if (u[k] !== undefined) text(u[k], `users[${i}].${k}`);
  });
  unique(users.map((u) => u.userName), "users", "userName");
  unique(users.map((u) => u.userId), "users", "userId");
  unique(users.map((u) => u.email), "users", "email");

  const credentials = list(options.iamCredentials, "iamCredentials");
  credentials.forEach((c, i) => {
    text(c?.accessKeyId, `iamCredentials[${i}].accessKeyId`);
    text(c.secretAccessKey, `iamCredentials[${i}].secretAccessKey`);
    if (c.sessionToken !== undefined) text(c.sessionToken, `iamCredentials[${i}].sessionToken`);
    list(c.applications, `iamCredentials[${i}].applications`).forEach((arn, j) => {
      if (!apps.some((a) => a.arn === arn)) fail(`iamCredentials[${i}].applications[${j}]`, "must be the arn of one of applications");
    });
  });
  unique(credentials.map((c) => c.accessKeyId), "iamCredentials", "accessKeyId");
  if (options.identityStoreId !== undefined && !/^d-[0-9a-z]{10}$/.test(options.identityStoreId)) fail("identityStoreId", "must look like d-1234567890");
}
