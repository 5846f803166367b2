'use strict';
/**
 * Preload (`node -r scripts/bench/max-rss-preload.js <cli> ...`) that writes the process's peak resident set size
 * in kilobytes (`process.resourceUsage().maxRSS`) to the file named by the BENCH_RSS_FILE environment variable
 * when the process exits — also through `process.exit()`. Without BENCH_RSS_FILE it does nothing. It must stay
 * tiny: it runs inside every measured process. A process killed by a signal writes nothing.
 */
const file = process.env.BENCH_RSS_FILE;
if (file) {
  process.on('exit', () => {
    try {
      require('node:fs').writeFileSync(file, String(process.resourceUsage().maxRSS));
    } catch {
      // the measurement is lost, the measured command's own exit is not disturbed
    }
  });
}
