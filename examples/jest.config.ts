import type { Config } from 'jest';

// The smoke test's own config: the project's jest.config.ts only collects tests/**, so the examples
// never run by accident with `npm test`. ts-jest compiles; tsc type-checks separately (npm run typecheck).
const config: Config = {
  rootDir: '.',
  testEnvironment: 'node',
  testMatch: ['<rootDir>/*.test.ts'],
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/../tsconfig.json', diagnostics: false }] },
};

export default config;
