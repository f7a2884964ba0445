// Where `nest build` puts the compiled apps. Each app's tsconfig.app.json compiles from the
// repository root (rootDir ../..) so the libraries come along, and its outDir mirrors the whole tree:
// apps/api/src/main.ts becomes dist/apps/api/apps/api/src/main.js. The npm scripts (dist-run),
// the benchmark and the reliability suite all find the build through this one function.

/** An app's compiled entry point, e.g. `distEntry('api', 'cli/migrate')`, relative to the repository root. */
export function distEntry(app: 'api' | 'worker', entry: string): string {
  return `dist/apps/${app}/apps/${app}/src/${entry}.js`;
}
