/** @type {import('jest').Config} */
module.exports = {
	rootDir: '..',
	testEnvironment: 'node',
	roots: ['<rootDir>/test'],
	testMatch: ['**/*.test.ts'],
	// Real n8n processes: `npm run test:e2e` (test/e2e/jest.config.js).
	testPathIgnorePatterns: ['/node_modules/', '<rootDir>/test/e2e/'],
	transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/test/tsconfig.json' }] },
	setupFiles: ['<rootDir>/test/support/setup-env.ts'],
	setupFilesAfterEnv: ['<rootDir>/test/support/fresh-memory.ts'],
	// One temp folder per run, removed when the run passes (test/support/temp-root.js).
	globalSetup: '<rootDir>/test/support/temp-root-setup.js',
	reporters: ['default', '<rootDir>/test/support/temp-root.js'],
	testTimeout: 30_000,
	// jest's own cache stays with the project, not in TMPDIR, so a run leaves nothing there.
	cacheDirectory: '<rootDir>/node_modules/.cache/jest',
};
