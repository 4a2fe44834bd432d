// Many clients at once: one upstream fetch per missing file (single-flight), correct ranges
// for everyone, and no more upstream fetches at a time than the relay allows.
import { describe, expect, it } from 'vitest';
import { rawRequest } from '../relay-fixture.ts';
import {
  hubOptions,
  patterned,
  sha256,
  startModelRelay,
  useFakeHub,
  type ModelRelay,
} from './models-fixture.ts';

const CLIENTS = 50;
const BIG = patterned(1_000_003, 5);

const hub = useFakeHub();
let relay: ModelRelay | undefined;

describe('concurrent clients', () => {
  it(`${CLIENTS} clients asking for the same missing file cause one upstream fetch`, async () => {
    const hubPath = '/org/popular/resolve/main/model.bin';
    hub.files.set(hubPath, { body: BIG, redirect: true, delayMs: 200 });
    relay = await startModelRelay(hubOptions(hub));
    const port = relay.relay.port;

    const responses = await Promise.all(
      Array.from({ length: CLIENTS }, () => rawRequest(port, `/omnia/models${hubPath}`)),
    );
    expect(hub.hitsOf(hubPath)).toBe(1);
    expect(hub.hitsOf(`/cdn${hubPath}`)).toBe(1);
    for (const res of responses) {
      expect(res.status).toBe(200);
      expect(res.headers.etag).toBe(`"${sha256(BIG)}"`);
      expect(res.body.equals(BIG)).toBe(true);
    }
  });

  it(`${CLIENTS} concurrent range requests each get their own slice`, async () => {
    const hubPath = '/org/ranged/resolve/main/model.bin';
    hub.files.set(hubPath, { body: BIG, delayMs: 100 });
    relay = await startModelRelay(hubOptions(hub));
    const port = relay.relay.port;

    const ranges = Array.from({ length: CLIENTS }, (_, i) => {
      const start = i * 19_997;
      return { start, end: start + 4_095 + i };
    });
    const responses = await Promise.all(
      ranges.map(({ start, end }) =>
        rawRequest(port, `/omnia/models${hubPath}`, {
          headers: { Range: `bytes=${start}-${end}` },
        }),
      ),
    );
    expect(hub.hitsOf(hubPath)).toBe(1);
    responses.forEach((res, i) => {
      const { start, end } = ranges[i]!;
      expect(res.status).toBe(206);
      expect(res.headers['content-range']).toBe(`bytes ${start}-${end}/${BIG.length}`);
      expect(res.body.equals(BIG.subarray(start, end + 1))).toBe(true);
    });
  });

  it('runs at most maxUpstreamFetches upstream fetches at once, queueing the rest', async () => {
    const paths = Array.from({ length: 6 }, (_, i) => `/org/queue/resolve/main/file-${i}.bin`);
    paths.forEach((path, i) => hub.files.set(path, { body: patterned(50_000, i), delayMs: 150 }));
    hub.maxActive = 0;
    relay = await startModelRelay(hubOptions(hub, { maxUpstreamFetches: 2 }));
    const port = relay.relay.port;

    const responses = await Promise.all(
      paths.map((path) => rawRequest(port, `/omnia/models${path}`)),
    );
    responses.forEach((res, i) => {
      expect(res.status).toBe(200);
      expect(res.body.equals(patterned(50_000, i))).toBe(true);
    });
    expect(hub.maxActive).toBe(2);
    for (const path of paths) expect(hub.hitsOf(path)).toBe(1);
  });
});
