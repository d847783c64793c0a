import autocannon from 'autocannon';

/** How long and how hard a run drives its target, and where it counts the responses it checked. */
export interface Load {
  duration: number;
  connections: number;
  tally: ResponseTally;
}

/** Every response the bench measured, each checked: 200 and byte for byte the answer it expects. */
export interface ResponseTally {
  responses: number;
  runs: number;
}

export interface LoadResult {
  /** Requests per second (autocannon's average over the run). */
  rate: number;
  requests: number;
  p50: number;
  p99: number;
  /** The answer every response was checked against, byte for byte: the body of the request sent just before the run. */
  answer: string;
}

/**
 * One autocannon run of `body` against `url`, in which every response must be HTTP 200 with
 * the answer a request sent just before gave — data and no errors — or the bench stops: a
 * figure that counted refusals (a 429 from a rate limit, a 400 from an operation limit) or
 * errors would measure those instead of the query.
 */
export async function loadRun(url: string, body: string, headers: Record<string, string>, load: Load, label: string): Promise<LoadResult> {
  const allHeaders = { 'content-type': 'application/json', ...headers };
  const expected = await cleanAnswer(url, body, allHeaders, label);
  const result = await autocannon({ url, method: 'POST', duration: load.duration, connections: load.connections, headers: allHeaders, body, expectBody: expected });
  const refused = result.non2xx + result.mismatches + result.errors;
  if (refused > 0 || result.requests.total === 0) {
    const statuses = Object.entries(result.statusCodeStats ?? {})
      .map(([status, { count }]) => `${count} × ${status}`)
      .join(', ');
    const sample = await fetch(url, { method: 'POST', headers: allHeaders, body }).then(async (r) => `${r.status} ${(await r.text()).slice(0, 300)}`);
    throw new Error(
      `${label}: ${refused} of ${result.requests.total} responses were not 200 with the expected data ` +
        `(${result.non2xx} not 2xx, ${result.mismatches} other answers, ${result.errors} connection errors; statuses ${statuses || 'none'}); ` +
        `a request now answers ${sample}`,
    );
  }
  load.tally.responses += result.requests.total;
  load.tally.runs += 1;
  console.log(`  ${label}: ${result.requests.average.toFixed(0)} req/s, p50 ${result.latency.p50} ms`);
  return { rate: result.requests.average, requests: result.requests.total, p50: result.latency.p50, p99: result.latency.p99, answer: expected };
}

/** The body of one answer to `body`, which must be 200 with data and no errors. */
async function cleanAnswer(url: string, body: string, headers: Record<string, string>, label: string): Promise<string> {
  const response = await fetch(url, { method: 'POST', headers, body });
  const text = await response.text();
  let answer: { data?: unknown; errors?: unknown } = {};
  try {
    answer = JSON.parse(text) as typeof answer;
  } catch {
    // Reported below with the text.
  }
  if (response.status !== 200 || answer.errors || !answer.data) throw new Error(`${label} does not answer cleanly: ${response.status} ${text.slice(0, 500)}`);
  return text;
}
