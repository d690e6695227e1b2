/**
 * The floor the board is measured against: a bare Socket.IO 4.8 server that broadcasts the same
 * change events to one room (`io.to(room).emit`) as they happen — one row of the board's shape per
 * change, with the same epoch/seq envelope — with no database, no checks and no derivation.
 *
 *   CONTROL_PORT  POST /drive?rate=50&ms=20000 → {changes}   (answers when done)
 */
import { createServer } from 'node:http';
import { Server } from 'socket.io';

const CYCLE = ['parent_waiting', 'in_call', 'reconnecting', 'in_call'] as const;
const uuid = (n: number) => `00000000-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;
const CASES = Number(process.env.BENCH_CASES ?? 2_000);

const http = createServer((_req, res) => res.end('ok'));
const io = new Server(http, { serveClient: false, pingInterval: 5_000, pingTimeout: 5_000 });
io.on('connection', (socket) => {
  socket.on('board:watch', (_payload: unknown, ack: (answer: unknown) => void) => {
    void socket.join('board');
    ack({ ok: true, data: { seq, cases: [] } });
  });
});
let seq = 0;
let next = 0;
function change(): void {
  const n = next++ % CASES;
  const now = new Date().toISOString();
  seq += 1;
  io.to('board').emit('board:delta', {
    epoch: 'bare',
    seq,
    serverNow: now,
    upserts: [
      {
        caseId: uuid(n),
        reference: `BENCH-${n}`,
        childFirstName: 'Bench',
        childAgeMonths: n % 144,
        ageBand: '1_to_4_years',
        complaint: 'fever',
        clinician: { id: uuid(9_999_999), name: 'Nurse Demo' },
        state: CYCLE[Math.floor(next / CASES) % CYCLE.length],
        stateSince: now,
        createdAt: now,
        call: { id: uuid(5_000_000 + n), state: 'connected', reason: null },
        band: null,
        overridden: false,
      },
    ],
    removed: [],
  });
}

const control = createServer((req, res) => {
  const url = new URL(req.url ?? '/', 'http://control');
  if (url.pathname === '/ready') return res.end('ok');
  if (req.method !== 'POST' || url.pathname !== '/drive') return void res.writeHead(404).end();
  const rate = Number(url.searchParams.get('rate') ?? 50);
  const ms = Number(url.searchParams.get('ms') ?? 10_000);
  const startedAt = performance.now();
  let made = 0;
  const timer = setInterval(() => {
    const due = Math.floor(((performance.now() - startedAt) * rate) / 1_000);
    while (made < due) {
      made += 1;
      change();
    }
    if (performance.now() - startedAt >= ms) {
      clearInterval(timer);
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ changes: made, failed: 0 }));
    }
  }, 2);
});
http.listen(Number(process.env.PORT), '127.0.0.1');
control.listen(Number(process.env.CONTROL_PORT), '127.0.0.1');
process.once('SIGTERM', () => {
  io.close();
  control.close();
  http.close(() => process.exit(0));
});
