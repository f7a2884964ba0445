// Runs the scenarios in the order of their file names (01-…, 02-…), so the console output and
// the logs read in the order of RESULTS.md, whatever Jest's timing cache says.
const Sequencer = require('@jest/test-sequencer').default;

class ByName extends Sequencer {
  sort(tests) {
    return [...tests].sort((a, b) => a.path.localeCompare(b.path));
  }
}

module.exports = ByName;
