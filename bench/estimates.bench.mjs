// Benchmark: POST /v1/estimates and the same estimate over GraphQL, against a bare node:http
// server measured in the same run; and a 500-variant comparison against a single estimate.
// Run: npm run build && node bench/estimates.bench.mjs   (DATABASE_URL optional; nothing here queries it)
import { fmt, load, sequentialLatency, startBareServer, startService } from './lib.mjs';

const DURATION = Number(process.env.BENCH_SECONDS ?? 5);
const estimate = {
  workload: 'training',
  hardware: { ref: 'nvidia-h100-sxm5-80gb', count: 1024, utilization: 1.0 },
  hours: 720,
  location: { zone: 'FR' },
  pue: 1.1,
  boundary: 'accelerators',
  includeEmbodied: true,
};
const gql = {
  query: 'query($i: EstimateInput!) { estimate(input: $i) { energyKwh co2eKg ranges { co2eKg } dataVersion warnings } }',
  variables: { i: estimate },
};

const zones = ['FR', 'DE', 'PL', 'SE', 'NO', 'ES', 'IT', 'GB', 'US-CAL-CISO', 'CA-QC'];
const hardware = ['nvidia-h100-sxm5-80gb', 'nvidia-a100-sxm4-80gb', 'nvidia-v100-sxm2-16gb', 'google-tpu-v4', 'nvidia-l4'];
const comparison = {
  baseline: estimate,
  sweep: {
    location: zones.map((zone) => ({ zone })),
    'hardware.ref': hardware,
    pue: [1.05, 1.1, 1.2, 1.3, 1.5, 1.6, 1.8, 2.0, 2.1, 2.2],
  },
};

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const bare = await startBareServer();
const svc = await startService({ RATE_LIMIT_PER_MINUTE: '0' }); // measure the service, not the per-IP limiter
try {
  // Warm up both paths (JIT, caches).
  await load(`${svc.url}/v1/estimates`, { method: 'POST', body: estimate, duration: 2 });
  await load(`${svc.url}/graphql`, { method: 'POST', body: gql, duration: 2 });

  // The machine is noisy (a shared VM; the load generator shares the 2 cores), so the three targets
  // are measured in interleaved rounds and each ratio is taken per round, then the median is quoted.
  const targets = [
    ['bare node:http JSON', () => load(`${bare.url}/`, { method: 'POST', body: estimate, duration: DURATION })],
    ['REST POST /v1/estimates', () => load(`${svc.url}/v1/estimates`, { method: 'POST', body: estimate, duration: DURATION })],
    ['GraphQL estimate', () => load(`${svc.url}/graphql`, { method: 'POST', body: gql, duration: DURATION })],
  ];
  const results = targets.map(() => []);
  for (let r = 0; r < ROUNDS; r++) for (let i = 0; i < targets.length; i++) results[i].push(await targets[i][1]());

  console.log(
    `\n# Estimates: autocannon, 50 connections, ${DURATION} s per target, ${ROUNDS} interleaved rounds, loopback; the load generator shares the 2 cores\n`,
  );
  console.log('| target | req/s per round | median req/s | median p50 ms | median p99 ms | non-2xx |');
  console.log('|---|---|---|---|---|---|');
  targets.forEach(([name], i) => {
    const rs = results[i];
    console.log(
      `| ${name} | ${rs.map((x) => fmt(x.rps, 0)).join(' / ')} | ${fmt(median(rs.map((x) => x.rps)), 0)} | ${median(rs.map((x) => x.p50))} | ${median(rs.map((x) => x.p99))} | ${rs.reduce((a, x) => a + x.non2xx, 0)} |`,
    );
  });
  const ratios = (i) => results[i].map((x, r) => x.rps / results[0][r].rps);
  const restRatio = median(ratios(1));
  const gqlRatio = median(ratios(2));
  console.log(
    `\nREST / bare    per round ${ratios(1)
      .map((x) => fmt(x, 3))
      .join(' / ')}; median ${fmt(restRatio, 3)}  (target >= 0.2)  ${restRatio >= 0.2 ? 'MET' : 'NOT MET'}`,
  );
  console.log(
    `GraphQL / bare per round ${ratios(2)
      .map((x) => fmt(x, 3))
      .join(' / ')}; median ${fmt(gqlRatio, 3)}  (target >= 0.08) ${gqlRatio >= 0.08 ? 'MET' : 'NOT MET'}`,
  );
} finally {
  await svc.stop();
}

// The comparison against one estimate: sequential requests (latency, not throughput), on a service
// process of its own (the throughput rounds leave a heap that slows a 350 KB answer's garbage
// collection, and this pair should not depend on what ran before it), warmed up like the paths
// above, then measured in interleaved rounds with the ratio taken per round.
const lat = await startService({ RATE_LIMIT_PER_MINUTE: '0' });
try {
  const check = await fetch(`${lat.url}/v1/comparisons`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(comparison),
  });
  const checked = await check.json();
  const variants = checked.variants?.length;
  const bytes = JSON.stringify(checked).length;
  await sequentialLatency(`${lat.url}/v1/estimates`, estimate, 200);
  await sequentialLatency(`${lat.url}/v1/comparisons`, comparison, 40);
  const latency = [];
  for (let r = 0; r < ROUNDS; r++) {
    // A single estimate answers in under a millisecond, so its median needs many samples to hold still.
    const single = await sequentialLatency(`${lat.url}/v1/estimates`, estimate, 200);
    const many = await sequentialLatency(`${lat.url}/v1/comparisons`, comparison, 30);
    latency.push({ single, many, ratio: many.median / single.median });
  }
  const ratio = median(latency.map((x) => x.ratio));
  console.log(
    `\n# Comparison of ${variants} variants (detail "${checked.detail}", ${fmt(bytes / 1024, 0)} KiB) vs one estimate: sequential requests, ${ROUNDS} interleaved rounds\n`,
  );
  console.log('| round | single estimate median / p90 ms | comparison median / p90 ms | ratio |');
  console.log('|---|---|---|---|');
  latency.forEach((x, r) =>
    console.log(
      `| ${r + 1} | ${fmt(x.single.median, 2)} / ${fmt(x.single.p90, 2)} | ${fmt(x.many.median, 2)} / ${fmt(x.many.p90, 2)} | ${fmt(x.ratio, 2)}x |`,
    ),
  );
  console.log(`\nratio median ${fmt(ratio, 2)}x  (target < 10x)  ${ratio < 10 ? 'MET' : 'NOT MET'}`);
} finally {
  await lat.stop();
  await bare.stop();
}
