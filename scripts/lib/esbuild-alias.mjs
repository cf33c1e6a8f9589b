// Packages whose `main` esbuild cannot bundle, mapped to a build it can: jsonc-parser's UMD main
// loads its parts with a `require` the UMD wrapper passes in, which esbuild leaves unresolved (the
// extension then fails to load with "Cannot find module './impl/format'"); its ESM build bundles.
export const ESBUILD_ALIAS = { 'jsonc-parser': 'jsonc-parser/lib/esm/main.js' };
