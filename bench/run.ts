/**
 * `npm run bench`: every benchmark, figures measured side by side in this one run.
 * Benchmarks live here, never as timed assertions in the test suite.
 */
import { existsSync } from 'node:fs';
import { engineBench } from './engine.js';
import { primitivesBench } from './primitives.js';
import { printRows, type Row } from './report.js';

const rows: Row[] = [];
const engine = await engineBench();
printRows('Engine: task switches (yield* sleep(0)) and memory', engine);
rows.push(...engine);

const primitives = await primitivesBench();
printRows('Primitives at scale, beside CPython', primitives);
rows.push(...primitives);

// The dashboard's render benchmark, once it exists.
const renderModule = new URL('./render.js', import.meta.url);
if (existsSync(renderModule)) {
  const { renderBench } = (await import(renderModule.href)) as { renderBench: () => Promise<Row[]> };
  const render = await renderBench();
  printRows('Dashboard: frames, CPU and throughput', render);
  rows.push(...render);
}

const { timeTravelBench } = await import('./timetravel.js');
const travel = await timeTravelBench();
printRows('Time travel and memory (the dashboard plays a log)', travel);
rows.push(...travel);

const { userDemoBench } = await import('./user-demo.js');
const user = await userDemoBench();
printRows('Your own demo: start-up', user);
rows.push(...user);

const missed = rows.filter((r) => r.ok === false);
process.stdout.write(`\n${rows.filter((r) => r.ok !== undefined).length - missed.length} targets met, ${missed.length} not met\n`);
