// @ts-check
import * as fs from 'node:fs';
import { URL } from 'node:url';
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

// Every folder under src/ but the VS Code layer is vscode-free; read from the tree, so a new one
// (src/agents, …) is covered the day it is added.
const vscodeFreeFolders = fs
  .readdirSync(new URL('./src', import.meta.url), { withFileTypes: true })
  .filter((entry) => entry.isDirectory() && entry.name !== 'vscode')
  .map((entry) => `src/${entry.name}`);

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'test-results/**', '.fabric-emulator/**', '.vscode-test/**', 'out/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    rules: {
      'no-console': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // The layers below the VS Code layer must stay free of `vscode` (docs/architecture.md).
    // src/mcp.ts, the MCP server's program, runs outside VS Code.
    files: [...vscodeFreeFolders.map((folder) => `${folder}/**/*.ts`), 'src/mcp.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { paths: [{ name: 'vscode', message: 'Only src/vscode (and src/extension.ts) may import vscode: this folder is vscode-free.' }] },
      ],
    },
  },
  {
    // Command-line entry points and build scripts talk to a terminal.
    files: ['src/emulator/cli.ts', 'scripts/**', 'bench/**', 'test/**'],
    rules: { 'no-console': 'off' },
  },
  {
    files: ['scripts/**/*.mjs', 'scripts/**/*.js', 'test/**/*.js', 'test/**/*.mjs'],
    languageOptions: {
      globals: {
        process: 'readonly',
        console: 'readonly',
        __dirname: 'readonly',
        require: 'readonly',
        module: 'readonly',
        setTimeout: 'readonly',
        clearTimeout: 'readonly',
        URL: 'readonly',
        Buffer: 'readonly',
        fetch: 'readonly',
      },
    },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
