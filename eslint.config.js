// ESLint (flat config): typescript-eslint's recommended rules, and the architecture's boundaries as lint
// errors — core ← kernel ← modules; a module reaches another module only through its index.ts; the web
// never imports server code (it uses the generated API types). `npm test` runs this first.
import fs from 'node:fs';
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import importX from 'eslint-plugin-import-x';
import reactHooks from 'eslint-plugin-react-hooks';
import prettier from 'eslint-config-prettier';

const MODULES = 'src/server/modules';
const moduleNames = fs
  .readdirSync(MODULES, { withFileTypes: true })
  .filter((e) => e.isDirectory())
  .map((e) => e.name);

/** For each module: importing another module's files other than its index.ts is a boundary error. */
const moduleZones = moduleNames.flatMap((target) =>
  moduleNames
    .filter((from) => from !== target)
    .map((from) => ({
      target: `./${MODULES}/${target}`,
      from: `./${MODULES}/${from}`,
      except: ['./index.ts'],
      message: `模块 ${target} 只能通过 ${from}/index.ts 使用模块 ${from}（a module uses another only through its index）`,
    })),
);

export default tseslint.config(
  { ignores: ['dist/**', 'data/**', 'node_modules/**', 'bench/results/**', 'src/web/api/schema.gen.ts'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    plugins: { 'import-x': importX },
    languageOptions: { ecmaVersion: 2023, sourceType: 'module' },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      '@typescript-eslint/no-explicit-any': 'error',
      'no-empty': ['error', { allowEmptyCatch: false }],
      'import-x/no-restricted-paths': [
        'error',
        {
          zones: [
            {
              target: './src/server/core',
              from: ['./src/server/kernel', './src/server/modules', './src/server/app.ts', './src/server/jobs.ts', './src/server/seed', './src/server/cli'],
              message: 'core 不得引用 kernel 或模块（core ← kernel ← modules）',
            },
            {
              target: './src/server/kernel',
              from: ['./src/server/modules', './src/server/app.ts', './src/server/jobs.ts', './src/server/seed', './src/server/cli'],
              message: 'kernel 不得引用任何模块（modules 通过描述符注册到 kernel）',
            },
            { target: './src/web', from: ['./src/server'], message: '前端不得引用服务端代码，请使用生成的 API 类型（src/web/api/schema.gen.ts）' },
            { target: './src/shared', from: ['./src/server', './src/web'], message: 'src/shared 只放两端共用的纯函数，不得引用服务端或前端代码' },
            ...moduleZones,
          ],
        },
      ],
    },
  },
  {
    files: ['src/web/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: { 'react-hooks/rules-of-hooks': 'error', 'react-hooks/exhaustive-deps': 'warn' },
  },
  {
    files: ['**/*.cjs'],
    languageOptions: { sourceType: 'commonjs', globals: { require: 'readonly', module: 'writable', process: 'readonly', console: 'readonly' } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['**/*.mjs', 'bin/**', 'scripts/**'],
    languageOptions: {
      globals: { process: 'readonly', console: 'readonly', URL: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly', Buffer: 'readonly' },
    },
  },
  prettier,
);
