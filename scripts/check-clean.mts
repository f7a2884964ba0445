// Fails when the given paths differ from what git has committed, untracked files included:
// `npm run openapi:check` uses it to prove openapi.json and libs/sdk are up to date (CONVENTIONS).
import { execFileSync } from 'node:child_process';

const paths = process.argv.slice(2);
const status = execFileSync('git', ['status', '--porcelain', '--', ...paths], { encoding: 'utf8' });
if (status.trim()) {
  console.error(
    `These generated files differ from the committed ones:\n${status}` +
      'Run `npm run openapi` and commit openapi.json and libs/sdk with the change that caused it.',
  );
  process.exit(1);
}
console.log(`${paths.join(' and ')} match the app.`);
