export { loggerMiddleware, loggerMiddlewareOptions, getLoggerPlugin } from "./loggerMiddleware";
export { lineLoggerMiddleware, lineLoggerMiddlewareOptions, getLineLoggerPlugin } from "./lineLoggerMiddleware";
export { errorRecord } from "./errorRecord";
export { resolveLoggerConfig, type LoggerInputConfig, type LoggerResolvedConfig, type LineLogger } from "./resolveLoggerConfig";
