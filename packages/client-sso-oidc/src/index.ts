export {
  SSOOIDCClient,
  type SSOOIDCClientConfig,
  type SSOOIDCClientResolvedConfig,
  type ServiceInputTypes,
  type ServiceOutputTypes,
} from "./SSOOIDCClient";
export { SSOOIDC } from "./SSOOIDC";
export { paramValidation, validationMiddleware, validationMiddlewareOptions, type InputValidation } from "./validation/validationMiddleware";
export { validateInput, type ConstraintChecks } from "./validation/validateInput";
export type { InputShape, MemberRule } from "./protocol/inputShape";
export {
  CreateTokenCommand,
  type CreateTokenCommandInput,
  type CreateTokenCommandOutput,
} from "./commands/CreateTokenCommand";
export {
  CreateTokenWithIAMCommand,
  type CreateTokenWithIAMCommandInput,
  type CreateTokenWithIAMCommandOutput,
} from "./commands/CreateTokenWithIAMCommand";
export {
  RegisterClientCommand,
  type RegisterClientCommandInput,
  type RegisterClientCommandOutput,
} from "./commands/RegisterClientCommand";
export {
  StartDeviceAuthorizationCommand,
  type StartDeviceAuthorizationCommandInput,
  type StartDeviceAuthorizationCommandOutput,
} from "./commands/StartDeviceAuthorizationCommand";
export type { CreateTokenRequest, CreateTokenResponse } from "./models/CreateToken";
export type { CreateTokenWithIAMRequest, CreateTokenWithIAMResponse, AwsAdditionalDetails } from "./models/CreateTokenWithIAM";
export type { RegisterClientRequest, RegisterClientResponse } from "./models/RegisterClient";
export type { StartDeviceAuthorizationRequest, StartDeviceAuthorizationResponse } from "./models/StartDeviceAuthorization";
export {
  SSOOIDCServiceException,
  isSSOOIDCServiceException,
  type SSOOIDCExceptionOptions,
} from "./errors/SSOOIDCServiceException";
export { AccessDeniedException, AccessDeniedExceptionReason, isAccessDeniedException } from "./errors/AccessDeniedException";
export { AuthorizationPendingException, isAuthorizationPendingException } from "./errors/AuthorizationPendingException";
export { ExpiredTokenException, isExpiredTokenException } from "./errors/ExpiredTokenException";
export { InternalServerException, isInternalServerException } from "./errors/InternalServerException";
export { InvalidClientException, isInvalidClientException } from "./errors/InvalidClientException";
export { InvalidClientMetadataException, isInvalidClientMetadataException } from "./errors/InvalidClientMetadataException";
export { InvalidGrantException, isInvalidGrantException } from "./errors/InvalidGrantException";
export { InvalidRedirectUriException, isInvalidRedirectUriException } from "./errors/InvalidRedirectUriException";
export { InvalidRequestException, InvalidRequestExceptionReason, isInvalidRequestException } from "./errors/InvalidRequestException";
export { InvalidRequestRegionException, isInvalidRequestRegionException } from "./errors/InvalidRequestRegionException";
export { InvalidScopeException, isInvalidScopeException } from "./errors/InvalidScopeException";
export { SlowDownException, isSlowDownException } from "./errors/SlowDownException";
export { UnauthorizedClientException, isUnauthorizedClientException } from "./errors/UnauthorizedClientException";
export { UnsupportedGrantTypeException, isUnsupportedGrantTypeException } from "./errors/UnsupportedGrantTypeException";
export { defaultEndpointResolver } from "./endpoint/defaultEndpointResolver";
export { SENSITIVE_MEMBERS } from "./sensitiveMembers";
export type { RequestHandlerOptions } from "./requestHandlerOptions";
export {
  ServiceException,
  SdkError,
  TimeoutError,
  AbortError,
  NetworkError,
  ConfigurationError,
  InvalidResponseError,
  isTimeoutError,
  isAbortError,
  isNetworkError,
  isConfigurationError,
  isInvalidResponseError,
  ValidationError,
  isValidationError,
} from "@ssokit/core";
