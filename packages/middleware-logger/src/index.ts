export { loggerMiddleware, loggerMiddlewareOptions, getLoggerPlugin } from "./loggerMiddleware";
export { resolveLoggerConfig, type LoggerInputConfig, type LoggerResolvedConfig } from "./resolveLoggerConfig";
