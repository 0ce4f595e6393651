// Type-aware linting where it pays: a floating promise in a Lambda silently drops work, so it is an error.
//
// Cost (issue 13 §2): `npm test` runs these checks beside vitest on two cores, and a fresh clone (CI) has no
// eslint cache. Type-aware rules need a TypeScript program; over all of tsconfig.json that program is mostly
// aws-cdk-lib's declarations (44 MB of 60) and every expression of 29k lines of tests gets a type. So:
// - production code (functions/, lib/, bin/) gets every recommended type-aware rule, over tsconfig.eslint.json,
//   a program without the CDK;
// - the CDK app and constructs (listed in tsconfig.eslint.json's exclude) are linted without types: building
//   constructs is synchronous, there is no promise to float, and tsc checks their types;
// - tests and bench are linted without types: vitest awaits an assertion's promise left hanging (and warns), a
//   test that drops other work fails or hangs where we see it, and tsc checks their types.
import { readFileSync } from 'node:fs';
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const lintProgram = 'tsconfig.eslint.json';
// tsconfig's exclude as eslint globs (a folder means all below it), past node_modules, cdk.out and .data; JSON
// with comments, so the comments are dropped before parsing.
const withoutTypes = JSON.parse(readFileSync(`${import.meta.dirname}/${lintProgram}`, 'utf8').replace(/^\s*\/\/.*$/gm, ''))
  .exclude.slice(3)
  .map((path) => (path.endsWith('.ts') ? path : `${path}/**`));
const production = ['functions/**/*.ts', 'lib/**/*.ts', 'bin/**/*.ts'];
const unusedVars = ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }];

export default tseslint.config(
  // As .gitignore (which prettier reads and eslint does not): .scratch/ holds notes and probes outside tsconfig.
  { ignores: ['node_modules/', 'cdk.out/', '.data/', 'coverage/', '.scratch/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  { rules: { '@typescript-eslint/no-unused-vars': unusedVars, 'no-console': 'off' } },
  ...tseslint.configs.recommendedTypeChecked.map((config) => ({ ...config, files: production, ignores: withoutTypes })),
  {
    files: production,
    ignores: withoutTypes,
    languageOptions: {
      // One named program rather than projectService, which would open tsconfig.json and load the CDK with it.
      parserOptions: { project: `./${lintProgram}`, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/await-thenable': 'error',
      '@typescript-eslint/no-unused-vars': unusedVars,
    },
  },
);
