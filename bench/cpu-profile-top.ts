// node dist/bench/bench/cpu-profile-top.js <file.cpuprofile> [N]
// Where a V8 CPU profile's time went: the functions with the most self time, and the same time
// by where the code lives (a package under node_modules, a lib or app of ours, node itself).
import { readFileSync } from 'node:fs';

interface ProfileNode {
  readonly id: number;
  readonly callFrame: { functionName: string; url: string; lineNumber: number };
  readonly hitCount?: number;
}
interface Profile {
  readonly nodes: readonly ProfileNode[];
  readonly samples: readonly number[];
  readonly timeDeltas: readonly number[];
}

/** "pg-protocol", "libs/read-models", "apps/api", "node:internal", or "(program)"-like names. */
function placeOf(url: string, functionName: string): string {
  if (!url) return functionName.startsWith('(') ? functionName : '(native)';
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (pkg) return pkg[1]!;
  const ours = /\/(libs|apps)\/([^/]+)\//.exec(url);
  if (ours) return `${ours[1]}/${ours[2]}`;
  if (url.startsWith('node:')) return 'node';
  return url;
}

const [file, count = '25'] = process.argv.slice(2);
if (!file) throw new Error('usage: cpu-profile-top <file.cpuprofile> [N]');
const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile;
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const selfMs = new Map<number, number>();
profile.samples.forEach((id, i) =>
  selfMs.set(id, (selfMs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000),
);
const total = [...selfMs.values()].reduce((a, b) => a + b, 0);

const byFunction = new Map<string, number>();
const byPlace = new Map<string, number>();
for (const [id, ms] of selfMs) {
  const { functionName, url, lineNumber } = byId.get(id)!.callFrame;
  const place = placeOf(url, functionName);
  const name = `${functionName || '(anonymous)'} ${place}${url ? `:${lineNumber + 1}` : ''}`;
  byFunction.set(name, (byFunction.get(name) ?? 0) + ms);
  byPlace.set(place, (byPlace.get(place) ?? 0) + ms);
}
const top = (map: Map<string, number>, n: number) =>
  [...map]
    .sort((a, b) => b[1] - a[1])
    .slice(0, n)
    .map(([name, ms]) => `| ${name} | ${Math.round(ms)} | ${((100 * ms) / total).toFixed(1)} % |`);

console.log(`${Math.round(total)} ms sampled\n`);
console.log('| self time by place | ms | share |\n| --- | --- | --- |');
console.log(top(byPlace, 15).join('\n'));
console.log('\n| self time by function | ms | share |\n| --- | --- | --- |');
console.log(top(byFunction, Number(count)).join('\n'));
