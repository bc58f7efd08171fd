import baseConfig from '../../eslint.config.mjs';

// The root constraints have no rule for `scope:shared` sources yet, and a project whose tags
// match no constraint may import no library at all. Until the root config gets one, this
// project adds its own: the CLI (scope:shared) may use shared libraries (the engine) only.
const RULE = '@nx/enforce-module-boundaries';
const base = baseConfig.find((c) => c.rules && c.rules[RULE]);
const [level, options] = base.rules[RULE];
const hasShared = options.depConstraints.some((d) => d.sourceTag === 'scope:shared');

export default [
  ...baseConfig,
  ...(hasShared
    ? []
    : [
        {
          files: base.files,
          rules: {
            [RULE]: [
              level,
              {
                ...options,
                depConstraints: [...options.depConstraints, { sourceTag: 'scope:shared', onlyDependOnLibsWithTags: ['scope:shared'] }],
              },
            ],
          },
        },
      ]),
];
