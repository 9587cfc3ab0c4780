// Loaded with `node --import` by the benchmark only: reports the process's peak RSS at exit.
import { writeFileSync } from 'node:fs';
process.on('exit', () => {
  if (process.env.BENCH_RSS_OUT) writeFileSync(process.env.BENCH_RSS_OUT, String(process.resourceUsage().maxRSS / 1024));
});
