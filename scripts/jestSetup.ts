// Tests must not depend on the machine's AWS settings: drop every AWS_* variable before each test file.
for (const name of Object.keys(process.env)) if (name.startsWith("AWS_")) delete process.env[name];
