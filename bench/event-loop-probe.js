'use strict';
// Preloaded into the `rakuten worker` process by bench/responsiveness.ts (through NODE_OPTIONS),
// so the worker's code is measured as it is: once a second, the longest event-loop delay since
// the last line, from a perf_hooks histogram, appended as a JSON line to EVENT_LOOP_PROBE_FILE.
// A line written after a long block carries that block, since the interval waits for it too.
const { setInterval } = require('node:timers');
const { isMainThread } = require('node:worker_threads');
const { monitorEventLoopDelay } = require('node:perf_hooks');
const fs = require('node:fs');

const file = process.env.EVENT_LOOP_PROBE_FILE;
if (file && isMainThread && process.argv[2] === 'worker') {
  const histogram = monitorEventLoopDelay({ resolution: 10 });
  histogram.enable();
  setInterval(() => {
    const line = { at: Date.now(), pid: process.pid, maxSeconds: histogram.max / 1e9 };
    fs.appendFileSync(file, `${JSON.stringify(line)}\n`);
    histogram.reset();
  }, 1000).unref();
}
