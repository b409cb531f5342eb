// Preloaded (`node --require bench/maxrss.cjs …`) into each measured process: at exit, writes the process's
// peak resident set size and CPU times to $BENCH_RSS_FILE. Worker threads share the process (and its RSS);
// only the main thread writes.
'use strict';
const { writeFileSync } = require('node:fs');
const { isMainThread } = require('node:worker_threads');

const out = process.env.BENCH_RSS_FILE;
if (out && isMainThread) {
  process.on('exit', () => {
    const u = process.resourceUsage();
    try {
      // maxRSS is in kilobytes, CPU times in microseconds
      writeFileSync(out, JSON.stringify({ maxRssKb: u.maxRSS, userUs: u.userCPUTime, systemUs: u.systemCPUTime }));
    } catch {
      // the measurement is lost, not the run
    }
  });
}
