// Entry of the second app instance (test/support/app-instance.ts): `node --conditions=react-server
// test/support/app-instance.cjs`. tsx's CommonJS hook compiles the TypeScript graph to CommonJS,
// whose imports unwrap CJS packages' default exports (next-auth's providers) as a bundler does;
// Node's ESM loader would hand them over as objects.
require("tsx/cjs");
require("./app-instance.ts");
