import type { Config } from 'jest';

// ts-jest compiles the TypeScript sources; imports are written with `.js` (for the ESM build),
// which the mapper strips so that Jest resolves the `.ts` file.
const shared = {
  preset: 'ts-jest',
  testEnvironment: 'node',
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json', diagnostics: false }] },
} satisfies Config;

const config: Config = {
  projects: [
    { ...shared, displayName: 'unit', testMatch: ['<rootDir>/tests/unit/**/*.test.ts'] },
    { ...shared, displayName: 'package', testMatch: ['<rootDir>/tests/package/**/*.test.ts'] },
  ],
};

export default config;
