// The rules `npm test` checks with dependency-cruiser (scripts/check-architecture.mjs). src/ is grouped by the
// pipeline, and imports only point down this list (CONTRIBUTING.md, "Layout", draws it):
const LAYERS = ['faces', 'core', 'report', 'history', 'decide', 'measure', 'ground'];
const pureFolders = '^src/(ground/(stats|schema)|decide/compare|measure/analysis|report)(/|$)';

/** One rule per layer: it may not import any layer above it. */
const layerRules = LAYERS.slice(1).map((layer, index) => ({
  name: `layer-${layer}`,
  severity: 'error',
  comment:
    `src/${layer}/ sits below ${LAYERS.slice(0, index + 1).join(', ')}: it may not import them. Move the shared ` +
    'type down, or pass the value in (a request field or an injected function).',
  from: { path: `^src/${layer}/` },
  to: { path: `^src/(${LAYERS.slice(0, index + 1).join('|')})/` },
}));

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    ...layerRules,
    {
      name: 'faces-apart',
      severity: 'error',
      comment:
        'The CLI and the action are two faces of one core: neither imports the other (share through faces/settings).',
      from: { path: '^src/faces/(cli|action)/' },
      to: { path: '^src/faces/(cli|action)/', pathNot: '^src/faces/$1/' },
    },
    {
      name: 'no-circular',
      severity: 'error',
      comment:
        'A cycle between files (type-only imports included), or, in the collapsed pass, between folders of ' +
        'src/. Move the shared type or constant down to the module both sides build on.',
      from: {},
      to: { circular: true },
    },
    {
      name: 'actions-only-in-action',
      severity: 'error',
      comment: 'Only src/faces/action/ may import @actions/* (the core and the CLI run without GitHub).',
      from: { path: '^src/', pathNot: '^src/faces/action(/|$)' },
      to: { path: '(^|/)node_modules/@actions/|^@actions/' },
    },
    {
      name: 'pure-modules-no-io',
      severity: 'error',
      comment:
        'stats, schema, compare, analysis and report (export included) compute on values: no file system, child processes or ' +
        'process object (the global `process` is an eslint rule, no-restricted-globals).',
      from: { path: pureFolders },
      to: { dependencyTypes: ['core'], path: '^(node:)?(fs|fs/promises|child_process|process)$' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(build|dist|node_modules)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      mainFields: ['module', 'main', 'types', 'typings'],
    },
    reporterOptions: { text: { highlightFocused: true } },
  },
};
