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
export { EXCEPTIONS, ServiceError, type ExceptionName } from "./errors";
export { verificationPage, type PageContent } from "./verificationPage";
