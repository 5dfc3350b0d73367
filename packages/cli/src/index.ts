export { main, HELP } from "./main";
export { login, LOGIN_HELP } from "./commands/login";
export { logout, LOGOUT_HELP } from "./commands/logout";
export { local, LOCAL_HELP } from "./commands/local";
export { EXIT } from "./exitCodes";
export { UsageError } from "./UsageError";
export { openBrowser } from "./openBrowser";
export { qrCode } from "./qrCode";
export type { Io } from "./io";
