const Sequencer = require('@jest/test-sequencer').default;

/**
 * Starts the suites that wait out a long outage first, so their waiting overlaps the other
 * suites instead of ending the run alone; the rest keep jest's own order (slowest known first).
 */
const LONG_SUITES = [/writeBackFaults\.test\.ts$/];

class LongSuitesFirst extends Sequencer {
  async sort(tests) {
    const sorted = await super.sort(tests);
    const isLong = (test) => LONG_SUITES.some((pattern) => pattern.test(test.path));
    return [...sorted.filter(isLong), ...sorted.filter((test) => !isLong(test))];
  }
}

module.exports = LongSuitesFirst;
