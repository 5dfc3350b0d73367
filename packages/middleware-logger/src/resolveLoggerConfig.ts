import type { Logger } from "@smithy/types";
import { noOpLogger } from "@ssokit/core";

export interface LoggerInputConfig {
  /**
   * Receives one record per call: `info` on success, `error` on failure. Any object with `info` / `error` methods
   * (console, pino, winston...). Secrets are masked before a record is built. @default a logger that drops everything
   */
  logger?: Logger;
}

export interface LoggerResolvedConfig {
  logger: Logger;
}

export const resolveLoggerConfig = <T extends object>(input: T & LoggerInputConfig): T & LoggerResolvedConfig => ({
  ...input,
  logger: input.logger ?? noOpLogger,
});
