import request from 'supertest';

/** The value of one series in Prometheus's text format (`name{labels}`), or undefined when it is not there. */
export function sample(text: string, series: string): number | undefined {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

/** The projections a Planverk process runs now (holds the leases of), from its GET /metrics. */
export async function runningProjections(base: string, names: readonly string[]): Promise<string[]> {
  const metrics = await request(base).get('/metrics').timeout(5_000);
  return names.filter(
    (name) => sample(metrics.text, `planverk_projection_running{projection="${name}"}`) === 1,
  );
}
