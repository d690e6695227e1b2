import { callStates, type CallState, type ErrorCode } from '@desk/shared';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

/** Who holds a socket: a signed-in staff member, the parent, or a colleague invited by link. */
export type SocketKind = 'staff' | 'parent' | 'guest';
export type SocketCounts = Record<SocketKind, number>;
/** A database's connections: pg's pool counts; PGlite is one connection (`total` only). */
export type PoolCounts = { total: number; idle?: number; waiting?: number };
/** Calls that are not over, per state, as the database holds them. */
export type OpenCallCounts = Partial<Record<CallState, number>>;

/** What a scrape reads from parts built after the metrics (this node's sockets, the database). */
export type MetricSources = {
  sockets(): SocketCounts;
  openCalls(): Promise<OpenCallCounts>;
  pool(): PoolCounts;
  ready(): Promise<boolean>;
};

export type SmsOutcome = 'sent' | 'failed' | 'retried';
export type SweepResult = 'ok' | 'failed';
export type JoinResult = 'ok' | ErrorCode;

/** A scrape waits this long for the database's call counts; past it the gauge is left empty for this scrape. */
export const SCRAPE_QUERY_TIMEOUT_MS = 1_000;

const OPEN_CALL_STATES = callStates.filter((state) => state !== 'ended' && state !== 'failed');
const SOCKET_KINDS: readonly SocketKind[] = ['staff', 'parent', 'guest'];

/**
 * Node.js's own metrics (heap, event loop lag, GC, handles) belong to the process, not to an app:
 * collected once, and registered into each app's registry, which adds its `node` label as it writes
 * them (tests run several apps in one process; each would otherwise start its own event-loop monitor).
 */
let processRegistry: Registry | null = null;
function processMetrics(): Registry {
  if (!processRegistry) {
    processRegistry = new Registry();
    collectDefaultMetrics({ register: processRegistry });
  }
  return processRegistry;
}

/**
 * The desk's Prometheus metrics, one registry per app (docs/operations.md, "Metrics"). Every series
 * carries `node`. Counters and histograms are written where things happen; gauges are read when
 * scraped, from `MetricSources` (`watch`), so they cost nothing between scrapes.
 */
export class DeskMetrics {
  readonly registry = new Registry();
  private sources: MetricSources | null = null;

  readonly joins: Counter<'result'>;
  readonly signalRelaySeconds: Histogram;
  readonly signalBytes: Histogram;
  readonly signalsRefused: Counter<'code'>;
  readonly sweeperLagSeconds: Histogram;
  readonly sweeps: Counter<'result'>;
  readonly sms: Counter<'status'>;
  readonly httpRequests: Counter<'method' | 'route' | 'status'>;
  readonly ready: Gauge;
  readonly scrapeFailures: Counter<'source'>;
  private readonly sockets: Gauge<'kind'>;
  private readonly openCalls: Gauge<'state'>;
  private readonly dbPool: Gauge<'state'>;

  constructor(readonly nodeId: string) {
    const registers = [this.registry];
    this.registry.setDefaultLabels({ node: nodeId });
    const shared = processMetrics();
    for (const { name } of shared.getMetricsAsArray()) this.registry.registerMetric(shared.getSingleMetric(name)!);

    this.sockets = new Gauge({
      name: 'desk_sockets',
      help: 'Sockets connected to this node, by who holds them (staff, parent, guest).',
      labelNames: ['kind'],
      registers,
    });
    this.openCalls = new Gauge({
      name: 'desk_calls',
      help: 'Calls not ended or failed, by state (the whole desk, from the database).',
      labelNames: ['state'],
      registers,
    });
    this.dbPool = new Gauge({
      name: 'desk_db_pool',
      help: "This node's database connections: total, idle, and requests waiting for one (PGlite: one connection).",
      labelNames: ['state'],
      registers,
    });
    this.ready = new Gauge({
      name: 'desk_ready',
      help: '1 when the database (and Redis, if configured) answer, else 0: as /api/ready last found, refreshed on every scrape.',
      registers,
    });
    this.joins = new Counter({
      name: 'desk_joins_total',
      help: "Parents' and guests' taps on Join (POST /api/join), by result: ok or the error code answered.",
      labelNames: ['result'],
      registers,
    });
    this.signalRelaySeconds = new Histogram({
      name: 'desk_signal_relay_seconds',
      help: 'Time a signal spends in the relay handler, received to emitted (a membership cache miss included).',
      buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1],
      registers,
    });
    this.signalBytes = new Histogram({
      name: 'desk_signal_bytes',
      help: "Size of each relayed signal's data, as JSON (an offer is about 6 KB; the limit 64 KB).",
      buckets: [128, 512, 1024, 2048, 4096, 8192, 16384, 32768, 65536],
      registers,
    });
    this.signalsRefused = new Counter({
      name: 'desk_signals_refused_total',
      help: 'Signals refused, by the code sent back to the sender.',
      labelNames: ['code'],
      registers,
    });
    this.sweeperLagSeconds = new Histogram({
      name: 'desk_sweeper_lag_seconds',
      help: 'How late a call deadline fired: when the sweeper fired it, less the deadline.',
      buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60],
      registers,
    });
    this.sweeps = new Counter({
      name: 'desk_sweeps_total',
      help: 'Deadline sweeps on this node, by result (failed: the query or a deadline of the sweep failed).',
      labelNames: ['result'],
      registers,
    });
    this.sms = new Counter({
      name: 'desk_sms_total',
      help: "SMS attempts by this node's worker, by outcome: sent, retried (will be tried again), failed (given up).",
      labelNames: ['status'],
      registers,
    });
    this.httpRequests = new Counter({
      name: 'desk_http_requests_total',
      help: 'HTTP requests answered, by method, route pattern (never the raw path) and status.',
      labelNames: ['method', 'route', 'status'],
      registers,
    });
    this.scrapeFailures = new Counter({
      name: 'desk_scrape_failures_total',
      help: 'Scrapes that could not read a source in time (calls: the database count), by source.',
      labelNames: ['source'],
      registers,
    });
  }

  /** Where the gauges read from on a scrape; set once the sockets and the database exist. */
  watch(sources: MetricSources): void {
    this.sources = sources;
  }

  get contentType(): string {
    return this.registry.contentType;
  }

  /** The Prometheus text exposition of every metric of this app, its gauges read afresh. */
  async scrape(): Promise<string> {
    await this.refresh();
    return this.registry.metrics();
  }

  /**
   * Reads the sources into the gauges before anything is written (not in each gauge's `collect`,
   * which runs beside the counters': a failure counted there would show one scrape late).
   */
  private async refresh(): Promise<void> {
    const from = this.sources;
    if (!from) return;
    const sockets = from.sockets();
    for (const kind of SOCKET_KINDS) this.sockets.set({ kind }, sockets[kind]);
    const pool = from.pool();
    this.dbPool.set({ state: 'total' }, pool.total);
    if (pool.idle !== undefined) this.dbPool.set({ state: 'idle' }, pool.idle);
    if (pool.waiting !== undefined) this.dbPool.set({ state: 'waiting' }, pool.waiting);
    const [calls, ready] = await Promise.allSettled([withTimeout(from.openCalls(), SCRAPE_QUERY_TIMEOUT_MS), from.ready()]);
    if (calls.status === 'fulfilled') {
      for (const state of OPEN_CALL_STATES) this.openCalls.set({ state }, calls.value[state] ?? 0);
    } else {
      // No figures beat stale ones: the series are absent from this scrape, and the failure is counted.
      this.openCalls.reset();
      this.scrapeFailures.inc({ source: 'calls' });
    }
    this.ready.set(ready.status === 'fulfilled' && ready.value ? 1 : 0);
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error('timed out')), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
