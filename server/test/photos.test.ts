import { randomUUID } from 'node:crypto';
import { PHOTO_MAX_BYTES, PHOTO_MAX_INPUT_PIXELS, askUpdateSchema, type AskUpdate, type Case, type ParentAsk, type PhotoRequest } from '@desk/shared';
import type { Bundle, Composition, Media } from '@medplum/fhirtypes';
import { eq } from 'drizzle-orm';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { casePhotos } from '../src/db/schema.js';
import { bundleIssues, unknownHl7Codes, unresolvedReferences } from './fhir-validation.js';
import { connectSocket, joinedCase, newIdempotencyKey, startServer, tokenOf, type TestServer, type TestSocket } from './harness.js';

/**
 * Still photos with consent (issue 9): the clinician asks in the call, the parent's phone sends one
 * photo, the server keeps a re-encoded copy with no metadata, for clinicians only.
 */

let server: TestServer;
let clinician: string;
let clinician2: string;
let supervisor: string;
const sockets: TestSocket[] = [];

beforeAll(async () => {
  server = await startServer();
  [clinician, clinician2, supervisor] = await Promise.all([server.login('clinician'), server.login('clinician2'), server.login('supervisor')]);
}, 60_000);
afterAll(async () => {
  for (const socket of sockets) socket.close();
  await server?.close();
});

type Call = Awaited<ReturnType<typeof joinedCase>> & {
  callId: string;
  desk: TestSocket;
  phone: TestSocket;
  /** What each page heard: the call's ask, and the photo's own status. */
  phoneAsks: AskUpdate[];
  deskAsks: AskUpdate[];
  deskStatus: PhotoRequest[];
};

/** A case whose parent the clinician has let into the video call; both pages connected. */
async function admittedCall(): Promise<Call> {
  const joined = await joinedCase(server, clinician);
  const callId = joined.parentSession.callId;
  const desk = await connectSocket(server, { kind: 'staff', cookie: clinician });
  const phone = await connectSocket(server, { kind: 'parent', cookie: joined.parentCookie });
  sockets.push(desk, phone);
  const phoneAsks: AskUpdate[] = [];
  const deskAsks: AskUpdate[] = [];
  const deskStatus: PhotoRequest[] = [];
  phone.socket.on('ask', (update) => phoneAsks.push(update));
  desk.socket.on('ask', (update) => deskAsks.push(update));
  desk.socket.on('photo:status', (status) => deskStatus.push(status));
  await desk.emitRaw('case:watch', { caseId: joined.caseId });
  await phone.emitRaw('call:ready', { callId });
  const admitted = (await desk.emitRaw('call:admit', { callId, participantId: joined.parentSession.participantId })) as { ok: boolean };
  expect(admitted.ok).toBe(true);
  return { ...joined, callId, desk, phone, phoneAsks, deskAsks, deskStatus };
}

/** "Ask for a photo": an ask of kind photo (the desk's asks, server/src/asks). */
async function askForPhoto(call: Pick<Call, 'desk' | 'callId'>, subject: string | null = 'the rash on her tummy'): Promise<ParentAsk> {
  const request = { kind: 'photo', ...(subject ? { subject } : {}) };
  const ack = (await call.desk.emitRaw('ask:send', { callId: call.callId, request })) as { ok: boolean; data?: unknown; error?: unknown };
  if (!ack.ok) throw new Error(`photo request refused: ${JSON.stringify(ack.error)}`);
  const { ask } = askUpdateSchema.parse(ack.data);
  if (!ask) throw new Error('no ask in the answer');
  return ask;
}

async function upload(cookie: string | undefined, requestId: string, bytes: Buffer, headers: Record<string, string> = {}) {
  const response = await fetch(`${server.url}/api/join/photo-requests/${requestId}/photo`, {
    method: 'POST',
    headers: { 'content-type': 'image/jpeg', ...(cookie ? { cookie } : {}), ...headers },
    body: new Uint8Array(bytes),
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: text ? (JSON.parse(text) as unknown) : null };
}

async function getPhoto(cookie: string | undefined, url: string) {
  const response = await fetch(`${server.url}${url}`, { headers: cookie ? { cookie } : {} });
  return { status: response.status, headers: response.headers, bytes: Buffer.from(await response.arrayBuffer()) };
}

const codeOf = (response: { body: unknown }) => (response.body as { error?: { code?: string } } | null)?.error?.code;

/** A phone photo as a phone writes it: EXIF with make, model and GPS, an ICC profile, turned by its orientation tag. */
async function phoneJpeg(width = 640, height = 480, orientation = 1): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 3, background: { r: 200, g: 60, b: 60 } } })
    .jpeg({ quality: 90 })
    .withExif({
      IFD0: { Make: 'PhoneMakerCo', Model: 'Pocket 9 Pro', Software: 'CameraApp 1.2', Artist: 'Parent Name' },
      IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '51/1 30/1 2600/100', GPSLongitudeRef: 'W', GPSLongitude: '0/1 7/1 3900/100' },
    })
    .withMetadata({ orientation })
    .withIccProfile('p3')
    .toBuffer();
}

async function caseOf(cookie: string, caseId: string): Promise<Case> {
  return server.getCase(cookie, caseId);
}

describe('asking for a photo', () => {
  it('tells the parent’s page what the nurse wants, shows the desk it is asked, and writes an audit row', async () => {
    const call = await admittedCall();
    const request = await askForPhoto(call);
    expect(request).toMatchObject({ state: 'open', request: { kind: 'photo', subject: 'the rash on her tummy' }, callId: call.callId });
    await expect.poll(() => call.phoneAsks.map((u) => u.ask?.id)).toContain(request.id);
    expect((await caseOf(clinician, call.caseId)).photoRequest).toMatchObject({ id: request.id, state: 'asked', subject: 'the rash on her tummy', photoId: null });
    const rows = await server.auditRows('ask_sent', `case:${call.caseId}`);
    expect(rows).toHaveLength(1);
    expect(rows[0]!.actor).toBe(`user:${server.userIds.clinician}`);
    expect(rows[0]!.detail).toMatchObject({ kind: 'photo', askId: request.id });
  }, 30_000);

  it('is refused to anyone but the clinician holding the call, and before the parent is let in', async () => {
    const joined = await joinedCase(server, clinician);
    const callId = joined.parentSession.callId;
    const desk = await connectSocket(server, { kind: 'staff', cookie: clinician });
    sockets.push(desk);
    await desk.emitRaw('case:watch', { caseId: joined.caseId });
    const early = (await desk.emitRaw('ask:send', { callId, request: { kind: 'photo' } })) as { ok: boolean; error?: { code: string } };
    expect(early.error?.code).toBe('PARENT_NOT_IN_CALL');

    const call = await admittedCall();
    for (const [cookie, kind] of [
      [supervisor, 'staff'],
      [clinician2, 'staff'],
      [call.parentCookie, 'parent'],
    ] as const) {
      const page = await connectSocket(server, { kind, cookie });
      sockets.push(page);
      if (kind === 'staff') await page.emitRaw('case:watch', { caseId: call.caseId });
      const ack = (await page.emitRaw('ask:send', { callId: call.callId, request: { kind: 'photo' } })) as { ok: boolean; error?: { code: string } };
      expect(ack.error?.code, kind).toBe('FORBIDDEN');
    }
  }, 30_000);

  it('records the parent saying no, tells the desk, and refuses a photo sent afterwards', async () => {
    const call = await admittedCall();
    const request = await askForPhoto(call);
    const declined = (await call.phone.emitRaw('ask:answer', { callId: call.callId, askId: request.id, answer: 'declined' })) as { ok: boolean; data?: AskUpdate };
    expect(declined.data?.ask?.state).toBe('declined');
    expect((await caseOf(clinician, call.caseId)).photoRequest?.state).toBe('declined');
    expect((await server.auditRows('ask_answered', `case:${call.caseId}`)).map((r) => r.detail)).toEqual([expect.objectContaining({ answer: 'declined', kind: 'photo' })]);
    const late = await upload(call.parentCookie, request.id, await phoneJpeg());
    expect([late.status, codeOf(late)]).toEqual([409, 'PHOTO_NOT_REQUESTED']);
    expect(await server.auditRows('photo_refused', `case:${call.caseId}`)).toHaveLength(1);
  }, 30_000);
});

describe('the photo the parent sends', () => {
  it('is re-encoded with no EXIF, GPS, ICC or XMP, turned upright, and stored with the case', async () => {
    const call = await admittedCall();
    const request = await askForPhoto(call);
    // Stored 640 wide × 480 high, tagged "rotate 90° clockwise to view": upright it is 480 × 640.
    const input = await phoneJpeg(640, 480, 6);
    const inputMeta = await sharp(input).metadata();
    expect(inputMeta.exif?.toString('latin1')).toContain('PhoneMakerCo');
    // The GPS IFD pointer (tag 0x8825, little-endian) and latitude 51° as the rational 51/1.
    expect(inputMeta.exif?.includes(Buffer.from([0x25, 0x88]))).toBe(true);
    expect(inputMeta.exif?.includes(Buffer.from([51, 0, 0, 0, 1, 0, 0, 0]))).toBe(true);
    expect(inputMeta.icc).toBeDefined();
    expect(inputMeta.orientation).toBe(6);

    const sent = await upload(call.parentCookie, request.id, input);
    expect(sent.status, JSON.stringify(sent.body)).toBe(201);
    expect(sent.body).toEqual({ received: true, width: 480, height: 640 });
    expect(sent.headers.get('cache-control')).toBe('no-store');

    const photos = (await caseOf(clinician, call.caseId)).photos;
    expect(photos).toHaveLength(1);
    const [photo] = photos;
    const image = await getPhoto(clinician, photo!.url);
    expect(image.status).toBe(200);
    expect(image.headers.get('content-type')).toBe('image/jpeg');
    const stored = await sharp(image.bytes).metadata();
    expect({ format: stored.format, width: stored.width, height: stored.height }).toEqual({ format: 'jpeg', width: 480, height: 640 });
    expect(stored.exif).toBeUndefined();
    expect(stored.icc).toBeUndefined();
    expect(stored.xmp).toBeUndefined();
    expect(stored.iptc).toBeUndefined();
    expect(stored.orientation).toBeUndefined();
    // Nothing of the phone's metadata anywhere in the bytes, not even an APP1 "Exif" segment.
    for (const text of ['Exif', 'PhoneMakerCo', 'Pocket 9', 'Parent Name', 'GPS', 'ICC_PROFILE']) expect(image.bytes.includes(text), text).toBe(false);
    // The same bytes in the database as served, with their hash.
    const [row] = await server.deps.db.select().from(casePhotos).where(eq(casePhotos.id, photo!.id));
    expect(row!.bytes.equals(image.bytes)).toBe(true);
    expect(row!.takenBy).toBe(call.parentSession.participantId);
    expect(row!.requestId).toBe(request.id);
    expect(photo).toMatchObject({ width: 480, height: 640, bytes: image.bytes.length, mime: 'image/jpeg' });

    const received = await server.auditRows('photo_received', `case:${call.caseId}`);
    expect(received).toHaveLength(1);
    expect(received[0]!.actor).toMatch(/^parent:/);
    expect(received[0]!.detail).toMatchObject({ askId: request.id, photoId: photo!.id, consent: 'parent_pressed_send', sha256: photo!.sha256 });
    expect((await caseOf(clinician, call.caseId)).photoRequest).toMatchObject({ state: 'received', photoId: photo!.id });
    // Both screens hear it: the ask answered, and the photo's own status on the desk.
    await expect.poll(() => call.phoneAsks.at(-1)?.ask?.state).toBe('accepted');
    await expect.poll(() => call.deskAsks.at(-1)?.ask?.state).toBe('accepted');
    await expect.poll(() => call.deskStatus.at(-1)).toMatchObject({ id: request.id, state: 'received', photoId: photo!.id });
    // One photo per request: the same request cannot take another.
    const again = await upload(call.parentCookie, request.id, input);
    expect(codeOf(again)).toBe('PHOTO_NOT_REQUESTED');
  }, 30_000);

  it('takes PNG and WebP, judged by the bytes rather than the Content-Type, and keeps them as JPEG', async () => {
    const call = await admittedCall();
    const base = sharp({ create: { width: 300, height: 200, channels: 4, background: { r: 0, g: 120, b: 0, alpha: 0.5 } } });
    for (const [bytes, claimed] of [
      [await base.clone().png().toBuffer(), 'image/jpeg'],
      [await base.clone().webp().toBuffer(), 'application/octet-stream'],
      [await phoneJpeg(320, 240), 'image/png'],
    ] as const) {
      const request = await askForPhoto(call);
      const sent = await upload(call.parentCookie, request.id, bytes, { 'content-type': claimed });
      expect(sent.status, JSON.stringify(sent.body)).toBe(201);
    }
    const photos = (await caseOf(clinician, call.caseId)).photos;
    expect(photos.map((p) => [p.mime, p.width, p.height])).toEqual([
      ['image/jpeg', 300, 200],
      ['image/jpeg', 300, 200],
      ['image/jpeg', 320, 240],
    ]);
  }, 30_000);

  it('refuses what is not a photo, too large or unreadable with a stable code, tells the desk, and lets the parent send again', async () => {
    const call = await admittedCall();
    const request = await askForPhoto(call);
    const heic = Buffer.concat([Buffer.from([0, 0, 0, 0x18]), Buffer.from('ftypheic'), Buffer.alloc(64)]);
    const gif = await sharp({ create: { width: 10, height: 10, channels: 3, background: '#000' } }).gif().toBuffer();
    const huge = await sharp({ create: { width: 8000, height: Math.ceil(PHOTO_MAX_INPUT_PIXELS / 8000) + 10, channels: 3, background: '#fff' } })
      .png({ compressionLevel: 9 })
      .toBuffer();
    const cases: [string, Buffer, number, string][] = [
      ['text', Buffer.from('hello, not a photo'), 415, 'PHOTO_TYPE_UNSUPPORTED'],
      ['GIF', gif, 415, 'PHOTO_TYPE_UNSUPPORTED'],
      ['HEIC', heic, 415, 'PHOTO_TYPE_UNSUPPORTED'],
      ['empty', Buffer.alloc(0), 415, 'PHOTO_TYPE_UNSUPPORTED'],
      ['a JPEG cut short', (await phoneJpeg()).subarray(0, 400), 422, 'PHOTO_UNREADABLE'],
      ['over the pixel limit', huge, 413, 'PHOTO_TOO_LARGE'],
      ['over the byte limit', Buffer.concat([await phoneJpeg(), Buffer.alloc(PHOTO_MAX_BYTES)]), 413, 'PHOTO_TOO_LARGE'],
    ];
    for (const [what, bytes, status, code] of cases) {
      const sent = await upload(call.parentCookie, request.id, bytes);
      expect([sent.status, codeOf(sent)], what).toEqual([status, code]);
      expect((await caseOf(clinician, call.caseId)).photoRequest, what).toMatchObject({ id: request.id, state: 'failed', failure: { code } });
      await expect.poll(() => call.deskStatus.at(-1)).toMatchObject({ id: request.id, state: 'failed', failure: { code } });
    }
    // A gzip body is not inflated: refused before it is read.
    const gzipped = await upload(call.parentCookie, request.id, await phoneJpeg(), { 'content-encoding': 'gzip' });
    expect(codeOf(gzipped)).toBe('UNSUPPORTED_MEDIA_TYPE');
    expect(await server.auditRows('photo_refused', `case:${call.caseId}`)).toHaveLength(cases.length);
    expect((await caseOf(clinician, call.caseId)).photos).toEqual([]);

    const retried = await upload(call.parentCookie, request.id, await phoneJpeg());
    expect(retried.status).toBe(201);
    expect((await caseOf(clinician, call.caseId)).photoRequest?.state).toBe('received');
  }, 60_000);

  it('is taken only from the parent of that call with a request waiting', async () => {
    const a = await admittedCall();
    const b = await admittedCall();
    const request = await askForPhoto(a);
    const guestInvite = await server.inviteGuest(clinician, a.caseId, { role: 'interpreter', name: 'Ingrid Interpreter', phone: '07700 900777' });
    const guest = await server.join(tokenOf(guestInvite.devJoinLink!));
    const photo = await phoneJpeg();
    const refusals: [string, string | undefined, number, string][] = [
      ['anonymous', undefined, 401, 'UNAUTHENTICATED'],
      ['a clinician (not a join session)', clinician, 401, 'UNAUTHENTICATED'],
      ['the parent of another case', b.parentCookie, 404, 'NOT_FOUND'],
      ['a guest in the same call', guest.cookie, 403, 'FORBIDDEN'],
    ];
    for (const [who, cookie, status, code] of refusals) {
      const sent = await upload(cookie, request.id, photo);
      expect([sent.status, codeOf(sent)], who).toEqual([status, code]);
    }
    // Case B's parent with no request of their own.
    const none = await upload(b.parentCookie, randomUUID(), photo);
    expect(codeOf(none)).toBe('NOT_FOUND');
    const crossSite = await upload(a.parentCookie, request.id, photo, { origin: 'https://evil.example' });
    expect([crossSite.status, codeOf(crossSite)]).toEqual([403, 'FORBIDDEN']);
    expect((await caseOf(clinician, a.caseId)).photos).toEqual([]);
    expect((await caseOf(clinician, a.caseId)).photoRequest?.state).toBe('asked');
  }, 30_000);
});

describe('seeing a photo', () => {
  it('is for clinicians only, never cached; supervisors see that it exists; parents, guests and strangers get nothing', async () => {
    const call = await admittedCall();
    const request = await askForPhoto(call);
    expect((await upload(call.parentCookie, request.id, await phoneJpeg())).status).toBe(201);
    const [photo] = (await caseOf(clinician, call.caseId)).photos;
    const guestInvite = await server.inviteGuest(clinician, call.caseId, { role: 'paediatrician', name: 'Dr Paed', phone: '07700 900778' });
    const guest = await server.join(tokenOf(guestInvite.devJoinLink!));

    for (const cookie of [clinician, clinician2]) {
      const seen = await getPhoto(cookie, photo!.url);
      expect(seen.status).toBe(200);
      expect(seen.headers.get('cache-control')).toBe('no-store');
      expect(seen.bytes.length).toBe(photo!.bytes);
    }
    const supervisorCase = await caseOf(supervisor, call.caseId);
    expect(supervisorCase.photos).toHaveLength(1);
    const refused: [string, string | undefined, number][] = [
      ['supervisor', supervisor, 403],
      ['parent', call.parentCookie, 401],
      ['guest', guest.cookie, 401],
      ['anonymous', undefined, 401],
    ];
    for (const [who, cookie, status] of refused) {
      const seen = await getPhoto(cookie, photo!.url);
      expect(seen.status, who).toBe(status);
      expect(seen.headers.get('content-type'), who).toContain('application/json');
    }
    // Another case's address for the same photo finds nothing.
    const other = await server.createCase(clinician);
    expect((await getPhoto(clinician, `/api/cases/${other.id}/photos/${photo!.id}`)).status).toBe(404);
    const views = await server.auditRows('photo_viewed', `case:${call.caseId}`);
    expect(views.map((v) => v.actor).sort()).toEqual([`user:${server.userIds.clinician}`, `user:${server.userIds.clinician2}`].sort());
  }, 30_000);
});

describe('the FHIR outcome', () => {
  it('carries each photo as a Media resource in a Photos section, pointing at the authenticated route, and validates', async () => {
    const call = await admittedCall();
    const request = await askForPhoto(call);
    expect((await upload(call.parentCookie, request.id, await phoneJpeg())).status).toBe(201);
    const [photo] = (await caseOf(clinician, call.caseId)).photos;
    const signed = await server.request('POST', `/api/cases/${call.caseId}/decisions`, {
      cookie: clinician,
      json: { disposition: 'self_care', notes: 'Blanching rash seen on the photo.' },
      headers: { 'Idempotency-Key': newIdempotencyKey() },
    });
    expect(signed.status).toBe(201);
    const exported = await server.request('GET', `/api/cases/${call.caseId}/outcome.fhir.json`, { cookie: clinician });
    const bundle = JSON.parse(exported.body as string) as Bundle;
    expect(bundleIssues(bundle)).toEqual([]);
    expect(unresolvedReferences(bundle)).toEqual([]);
    expect(unknownHl7Codes(bundle)).toEqual([]);
    const media = (bundle.entry ?? []).filter((e) => e.resource?.resourceType === 'Media');
    expect(media).toHaveLength(1);
    const resource = media[0]!.resource as Media;
    expect(resource.content).toMatchObject({ contentType: 'image/jpeg', url: `${server.url}${photo!.url}`, size: photo!.bytes });
    expect(resource.identifier?.map((i) => i.value)).toContain(photo!.sha256);
    const composition = bundle.entry![0]!.resource as Composition;
    const section = composition.section?.find((s) => s.title === 'Photos');
    expect(section?.entry).toEqual([{ reference: media[0]!.fullUrl, display: 'Photo 1' }]);
  }, 30_000);
});

describe('retention', () => {
  it('deletes photos of a case never decided after RETENTION_PHOTO_DAYS, and keeps those of a decided case', async () => {
    const undecided = await admittedCall();
    const decided = await admittedCall();
    for (const call of [undecided, decided]) {
      const request = await askForPhoto(call);
      expect((await upload(call.parentCookie, request.id, await phoneJpeg())).status).toBe(201);
    }
    const signed = await server.request('POST', `/api/cases/${decided.caseId}/decisions`, {
      cookie: clinician,
      json: { disposition: 'self_care', notes: 'Seen.' },
      headers: { 'Idempotency-Key': newIdempotencyKey() },
    });
    expect(signed.status).toBe(201);
    const counts = await server.app.retention.runOnce();
    expect(counts?.photos).toBe(0);
    const before = await server.deps.db.select({ caseId: casePhotos.caseId }).from(casePhotos);
    server.clock.advance(server.deps.config.retention.photoMs + 60_000);
    const deleted = (await server.app.retention.runOnce())?.photos;
    const left = await server.deps.db.select({ caseId: casePhotos.caseId }).from(casePhotos);
    expect(deleted).toBeGreaterThan(0);
    expect(left).toHaveLength(before.length - deleted!);
    expect(left.map((r) => r.caseId)).not.toContain(undecided.caseId);
    expect(left.map((r) => r.caseId)).toContain(decided.caseId);
  }, 30_000);
});

describe('the upload rate', () => {
  it('holds one phone to RATE_LIMIT_PHOTOS_PER_MINUTE uploads a minute (each is up to 10 MB the server decodes), with a coded 429', async () => {
    const limited = await startServer({ rateLimits: { photosPerMinute: 2 } });
    try {
      const desk = await limited.login('clinician');
      const joined = await joinedCase(limited, desk);
      const send = async () => {
        const response = await fetch(`${limited.url}/api/join/photo-requests/${randomUUID()}/photo`, {
          method: 'POST',
          headers: { 'content-type': 'image/jpeg', cookie: joined.parentCookie },
          body: new Uint8Array([0xff, 0xd8, 0xff]),
        });
        return { status: response.status, code: ((await response.json()) as { error?: { code?: string } }).error?.code };
      };
      expect(await send()).toEqual({ status: 404, code: 'NOT_FOUND' });
      expect(await send()).toEqual({ status: 404, code: 'NOT_FOUND' });
      expect(await send()).toEqual({ status: 429, code: 'RATE_LIMITED' });
    } finally {
      await limited.close();
    }
  }, 60_000);
});
