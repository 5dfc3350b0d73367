// Node hands `import oidc from "@aws-sdk/client-sso-oidc"` the whole module (a CommonJS package's exports object),
// so code written that way keeps working here: the default export is the package's namespace. (Its type leaves out
// `default` itself, which TypeScript could not otherwise name.)
import * as ssooidc from "./index";

const namespace: Omit<typeof ssooidc, "default"> = ssooidc;
export default namespace;
