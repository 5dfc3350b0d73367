import type { Logger } from "@smithy/types";
import { noOpLogger, type LineLogger } from "@ssokit/core";

export type { LineLogger };

export interface LoggerInputConfig {
  /**
   * Receives one record per call. A structured logger (with `info` and `error`: console, pino, winston...) gets an
   * object at `info` or `error`; a v2-style logger (only `log` or `write`) gets one line. Secrets are masked before
   * either is built. @default a logger that drops everything
   */
  logger?: Logger | LineLogger;
}

export interface LoggerResolvedConfig {
  logger: Logger | LineLogger;
}

export const resolveLoggerConfig = <T extends object>(input: T & LoggerInputConfig): T & LoggerResolvedConfig => ({
  ...input,
  logger: input.logger ?? noOpLogger,
});
