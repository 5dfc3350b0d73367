export { startLocalServer, type LocalServer, type LocalServerOptions, type Failure, type OperationName } from "./startLocalServer";
export {
  OidcService,
  DEVICE_CODE_GRANT,
  type OidcServiceOptions,
  type ServiceClock,
  type ServiceStats,
  type PendingAuthorization,
  type AuthorizationState,
} from "./OidcService";
export {
  checkIamOptions,
  type IamOptions,
  type IamCredentials,
  type LocalUser,
  type TrustedTokenIssuer,
  type JwkSet,
  type LocalApplication,
  type ApplicationGrants,
  type IdentityStoreAttributePath,
} from "./iamOptions";
export { readLocalConfig, localOptions, describeIamConfig, iamCredentialsFromEnv, LOCAL_FLAG_SPEC, startupMessages, type LocalConfig, type LocalFlags } from "./readLocalConfig";
export { EXCEPTIONS, ServiceError, SignatureError, type ExceptionName, type SignatureFailure } from "./errors";
export { verificationPage, type PageContent } from "./verificationPage";
export type { PublicJwk } from "./IdTokens";
