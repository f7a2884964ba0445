// @ts-check
// Runs first, before `npm start` and `npm test` (docs/design.md §11): refuses a Node.js older than
// package.json's engines, with a way to get a supported one, instead of a trace. The one script in
// plain JavaScript (CommonJS, type-checked through JSDoc), since it must run on any Node.js: an
// older one cannot even load the TypeScript scripts (Node strips types from 22.18 and 23.6 on).
const { readFileSync } = require('node:fs');
const { join } = require('node:path');

/**
 * [major, minor, patch] of "v24.15.0" or "24.15".
 * @param {string} text
 * @returns {number[] | undefined}
 */
function parseVersion(text) {
  const match = /^v?(\d+)(?:\.(\d+))?(?:\.(\d+))?$/.exec(text.trim());
  return match ? match.slice(1).map((part) => Number(part ?? 0)) : undefined;
}

/**
 * @param {number[]} a
 * @param {number[]} b
 */
function compare(a, b) {
  for (let i = 0; i < 3; i++) if (a[i] !== b[i]) return a[i] - b[i];
  return 0;
}

/**
 * Whether `version` satisfies a range made of `||` alternatives of `^x.y.z`, `>=x.y.z`, `>x.y.z`,
 * `<x.y.z`, `<=x.y.z` and `x.y.z`; undefined for anything else (then npm's own check is the judge).
 * @param {number[]} version
 * @param {string} range
 * @returns {boolean | undefined}
 */
function satisfies(version, range) {
  let answer = false;
  for (const alternative of range.split('||')) {
    let all = true;
    for (const comparator of alternative.trim().split(/\s+/)) {
      const match = /^(\^|>=|>|<=|<|=)?(.+)$/.exec(comparator);
      const bound = match && parseVersion(match[2]);
      if (!match || !bound) return undefined;
      const order = compare(version, bound);
      /** @type {Record<string, boolean>} */
      const verdicts = {
        '^': order >= 0 && version[0] === bound[0],
        '>=': order >= 0,
        '>': order > 0,
        '<=': order <= 0,
        '<': order < 0,
        '=': order === 0,
      };
      all &&= verdicts[match[1] ?? '='];
    }
    answer ||= all;
  }
  return answer;
}

/**
 * "22.22.3+, 24.15.0+ or 26.0.0+" for "^22.22.3 || ^24.15.0 || >=26.0.0".
 * @param {string} range
 */
function describe(range) {
  const parts = range.split('||').map((part) => part.trim().replace(/^(\^|>=)(\S+)$/, '$2+'));
  return parts.length > 1 ? `${parts.slice(0, -1).join(', ')} or ${parts[parts.length - 1]}` : parts[0];
}

/** @type {unknown} */
const parsed = JSON.parse(readFileSync(join(__dirname, '..', 'package.json'), 'utf8'));
const manifest = /** @type {{ engines?: { node?: string } }} */ (parsed);
const range = manifest.engines?.node;
const version = parseVersion(process.versions.node);
if (range && version && satisfies(version, range) === false) {
  console.error(
    `This project runs on Node.js ${describe(range)}, 24 recommended (package.json's engines: ` +
      `${range}), not on this Node.js ${process.version} (${process.execPath}).\n` +
      'Install Node.js 24, or fetch it from the npm registry into .tools/node and put it first on ' +
      'PATH for this shell:\n\n  source scripts/use-node24.sh\n\nthen run the same command again.',
  );
  process.exit(1);
}
