/** Jest runs TypeScript tests through ts-jest (transpile only; `tsc -b` type-checks the packages first). */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/packages', '<rootDir>/adapters', '<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  testPathIgnorePatterns: ['/node_modules/', '/dist/', '<rootDir>/test/.work/'],
  modulePathIgnorePatterns: ['<rootDir>/test/.work/', '<rootDir>/packages/.*/dist/.*\\.test\\.'],
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.test.json' }] },
  testTimeout: 60000,
};
