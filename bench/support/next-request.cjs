// autocannon worker-thread hook (bench/support/load.ts): each request takes the next prepared one from the file named in
// ANWEN_BENCH_REQUESTS, so the load generator runs in its own thread and never shares the server's event loop.
const fs = require('node:fs');
const list = JSON.parse(fs.readFileSync(process.env.ANWEN_BENCH_REQUESTS, 'utf8'));
let next = 0;
module.exports = function nextRequest(req) {
  const r = list[next++ % list.length];
  return { ...req, method: r.method, path: r.path, body: r.body, headers: { ...req.headers, ...r.headers } };
};
