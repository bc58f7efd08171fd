module.exports = {
  displayName: 'planner-cli',
  preset: '../../jest.preset.js',
  testEnvironment: 'node',
  transform: {
    '^.+\\.[tj]s$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.spec.json' }],
  },
  moduleFileExtensions: ['ts', 'js', 'html'],
  // bundle.cjs is plain CommonJS run by node (run.sh, the build target): required as it is
  transformIgnorePatterns: ['/node_modules/', '/apps/planner-cli/bundle\\.cjs$'],
  coverageDirectory: '../../coverage/apps/planner-cli',
  // the end-to-end spec bundles the CLI and plans the reference département
  testTimeout: 60_000,
};
