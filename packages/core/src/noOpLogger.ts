import type { Logger } from "@smithy/types";

const noop = () => {};

/**
 * The default logger: drops everything. Middleware compares against it to skip the work of building
 * records nobody reads.
 */
export const noOpLogger: Logger = Object.freeze({ trace: noop, debug: noop, info: noop, warn: noop, error: noop });
