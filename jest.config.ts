import type { Config } from 'jest';

// ts-jest compiles the TypeScript sources; imports are written with `.js` (for the ESM build),
// which the mapper strips so that Jest resolves the `.ts` file.
const shared = {
  preset: 'ts-jest',
  testEnvironment: 'node',
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.jest.json', diagnostics: false }] },
} satisfies Config;

// One project a folder: unit (pure code), integration (against the sandbox over real HTTP),
// seeds (the seed documents' bodies verbatim, served by a plain server and by the sandbox),
// redis (needs the Redis at 127.0.0.1:6379), package (the built dist/ through require and import),
// docs (the READMEs' code blocks type-checked against the built dist/),
// cli (the built bin.js spawned as a user runs it, some of it under a pseudo-terminal).
const config: Config = {
  verbose: true,
  globalSetup: '<rootDir>/tests/support/global-setup.ts',
  projects: [
    { ...shared, displayName: 'unit', testMatch: ['<rootDir>/tests/unit/**/*.test.ts'] },
    { ...shared, displayName: 'integration', testMatch: ['<rootDir>/tests/integration/**/*.test.ts'] },
    { ...shared, displayName: 'seeds', testMatch: ['<rootDir>/tests/seeds/**/*.test.ts'] },
    { ...shared, displayName: 'redis', testMatch: ['<rootDir>/tests/redis/**/*.test.ts'] },
    { ...shared, displayName: 'package', testMatch: ['<rootDir>/tests/package/**/*.test.ts'] },
    { ...shared, displayName: 'docs', testMatch: ['<rootDir>/tests/docs/**/*.test.ts'] },
    { ...shared, displayName: 'cli', testMatch: ['<rootDir>/tests/cli/**/*.test.ts'] },
  ],
};

export default config;
