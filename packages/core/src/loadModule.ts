import { NetworkError } from "./errors/NetworkError";

/**
 * Loads a module that the build splits off (code only some calls need: error parsing, structured logging). A
 * browser fetches such a chunk over the network, so a failure is a `NetworkError` with code `ModuleLoadError`
 * that names what could not be loaded, not the loader's own error.
 */
export const loadModule = <M>(load: () => Promise<M>, what: string): Promise<M> =>
  load().catch((cause) => {
    throw new NetworkError("ModuleLoadError", `Could not load ${what} (${cause?.message ?? cause}); check the network and retry.`, { cause });
  });
