// Layers that point down: the rules `npm test` checks with dependency-cruiser (scripts/check-architecture.mjs).
// The script cruises src/ twice: once file by file, once with every top-level folder of src/ collapsed into
// one node (`--collapse "^src/[^/]+"`), where `no-circular` then finds cycles between folders.
const pureFolders = '^src/(stats|compare|report|analysis|schema|export)(/|$)';

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
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
      comment: 'Only src/action/ may import @actions/* (the core and the CLI run without GitHub).',
      from: { path: '^src/', pathNot: '^src/action(/|$)' },
      to: { path: '(^|/)node_modules/@actions/|^@actions/' },
    },
    {
      name: 'pure-modules-no-io',
      severity: 'error',
      comment:
        'stats, compare, report, analysis, schema and export compute on values: no file system, child processes or ' +
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
