// The speed shown must follow the network within seconds, and a stall must read as 0.
import { describe, expect, it } from 'vitest';
import { SpeedMeter, secondsLeft } from '../../../../src/models/download/speed';

describe('SpeedMeter', () => {
  it('measures over a sliding window', () => {
    const meter = new SpeedMeter(3000);
    meter.add(0, 0);
    for (let t = 100; t <= 2000; t += 100) meter.add(1000, t); // 10 kB/s
    expect(meter.bytesPerSecond(2000)).toBeCloseTo(10_000, 0);
    for (let t = 2100; t <= 8000; t += 100) meter.add(5000, t); // 50 kB/s
    expect(meter.bytesPerSecond(8000)).toBeCloseTo(50_000, -2);
  });

  it('reads 0 before any span and after a stall longer than the window', () => {
    const meter = new SpeedMeter(3000);
    expect(meter.bytesPerSecond(0)).toBe(0);
    meter.add(0, 0);
    meter.add(1000, 500);
    expect(meter.bytesPerSecond(10_000)).toBe(0);
  });

  it('gives seconds left only for a known speed', () => {
    expect(secondsLeft(10_000, 4000)).toBe(3);
    expect(secondsLeft(10_000, 0)).toBeNull();
  });
});
