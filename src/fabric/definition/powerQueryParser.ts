// The Power Query parser is most of the bundle's weight; it is loaded on first use only (the
// extension's build emits this module as a separate file, see scripts/build.mjs). Named exports,
// not `export *`, so that Node sees them when it imports the bundled CommonJS file.
export { DefaultSettings, Language, Lexer, Parser, TaskUtils } from '@microsoft/powerquery-parser';
