import type { Config } from "jest";

// Tests import packages by name, as users do; the mapper points those names at the TypeScript sources so a
// test run needs no rebuild between edits. The built artifacts get their own tests (see client-sso-oidc/test).
const config: Config = {
  testEnvironment: "node",
  roots: ["<rootDir>/packages", "<rootDir>/scripts"],
  testMatch: ["**/test/**/*.test.ts"],
  transform: {
    "^.+\\.(t|j)s$": [
      "@swc/jest",
      { jsc: { target: "es2022", parser: { syntax: "typescript" }, transform: { useDefineForClassFields: false } }, module: { type: "commonjs" } },
    ],
  },
  // jose (a dependency of sso-oidc-local, which loads it with import() where it handles JWTs) ships ES modules
  // only; jest runs the tests as CommonJS, so it compiles jose too. Node loads the built packages' import() natively.
  transformIgnorePatterns: ["/node_modules/(?!jose/)"],
  moduleNameMapper: {
    "^@ssokit/([a-z-]+)$": "<rootDir>/packages/$1/src/index.ts",
    "^@ssokit/([a-z-]+)/([a-z0-9-]+)$": "<rootDir>/packages/$1/src/$2.ts",
  },
  setupFiles: ["<rootDir>/scripts/jestSetup.ts"],
  testTimeout: 30000,
};

export default config;
