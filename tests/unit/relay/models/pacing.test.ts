// The two small tools the model server leans on: the upstream semaphore and the body meter.
import { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { describe, expect, it } from 'vitest';
import { BodyMeter, MAX_PACED_CHUNK } from '../../../../src/relay/models/rate-limit.ts';
import { Semaphore } from '../../../../src/relay/models/semaphore.ts';

const sleep = (ms: number) => new Promise<void>((done) => setTimeout(done, ms));

describe('Semaphore', () => {
  it('runs at most `limit` tasks at once, in arrival order', async () => {
    const semaphore = new Semaphore(2);
    let running = 0;
    let most = 0;
    const order: number[] = [];
    await Promise.all(
      Array.from({ length: 7 }, (_, i) =>
        semaphore.run(async () => {
          order.push(i);
          running++;
          most = Math.max(most, running);
          await sleep(10);
          running--;
        }),
      ),
    );
    expect(most).toBe(2);
    expect(order).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect(semaphore.active).toBe(0);
    expect(semaphore.waiting).toBe(0);
  });

  it('frees the slot when a task fails', async () => {
    const semaphore = new Semaphore(1);
    await expect(semaphore.run(() => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    await expect(semaphore.run(() => Promise.resolve('next'))).resolves.toBe('next');
  });

  it('refuses a limit below 1', () => {
    expect(() => new Semaphore(0)).toThrow(RangeError);
  });
});

async function collect(meter: BodyMeter, input: Buffer[]): Promise<Buffer[]> {
  const out: Buffer[] = [];
  await pipeline(
    Readable.from(input),
    meter,
    new Writable({
      write(chunk: Buffer, _encoding, done) {
        out.push(chunk);
        done();
      },
    }),
  );
  return out;
}

describe('BodyMeter', () => {
  it('only counts without a rate', async () => {
    const meter = new BodyMeter();
    const out = await collect(meter, [Buffer.alloc(100_000, 1), Buffer.alloc(5, 2)]);
    expect(meter.bytes).toBe(100_005);
    expect(out.map((chunk) => chunk.length)).toEqual([100_000, 5]);
  });

  it('paces to the rate in pieces of at most 16 KiB, keeping every byte', async () => {
    const meter = new BodyMeter(256 * 1024);
    const input = Buffer.from(Array.from({ length: 96 * 1024 }, (_, i) => i % 253));
    const started = performance.now();
    const out = await collect(meter, [input]);
    const seconds = (performance.now() - started) / 1000;
    expect(Buffer.concat(out).equals(input)).toBe(true);
    expect(Math.max(...out.map((chunk) => chunk.length))).toBeLessThanOrEqual(MAX_PACED_CHUNK);
    // Six pieces: the last leaves at 5/6 of the 0.375 s the whole takes at this rate.
    expect(seconds).toBeGreaterThanOrEqual(0.28);
    expect(seconds).toBeLessThan(3);
  });

  it('stops pacing when destroyed', async () => {
    const meter = new BodyMeter(1024);
    meter.write(Buffer.alloc(64 * 1024));
    await sleep(20);
    meter.destroy();
    expect(meter.destroyed).toBe(true);
    expect(meter.bytes).toBeLessThan(64 * 1024);
  });
});
