// formatClock and formatTimeRange: the one way times in recordings are written.
import { describe, expect, it } from 'vitest';
import { formatClock, formatTimeRange } from '../../../../src/core/voice/time-format';

describe('formatClock', () => {
  it('writes minutes and seconds under an hour, hours past it', () => {
    expect(formatClock(0)).toBe('00:00');
    expect(formatClock(65)).toBe('01:05');
    expect(formatClock(65.99)).toBe('01:05');
    expect(formatClock(3723)).toBe('1:02:03');
    expect(formatClock(36_000)).toBe('10:00:00');
  });

  it('adds milliseconds and padded hours on request', () => {
    expect(formatClock(65.25, { millis: true })).toBe('01:05.250');
    expect(formatClock(1.0005, { millis: true, hours: true })).toBe('00:00:01.001');
    expect(formatClock(59.9996, { millis: true, hours: true })).toBe('00:01:00.000');
    expect(formatClock(65, { hours: true })).toBe('00:01:05');
  });

  it('writes nonsense as zero rather than NaN', () => {
    expect(formatClock(Number.NaN)).toBe('00:00');
    expect(formatClock(-3)).toBe('00:00');
  });
});

describe('formatTimeRange', () => {
  it('writes a citation range with hours', () => {
    expect(formatTimeRange([65, 90])).toBe('00:01:05–00:01:30');
    expect(formatTimeRange([3600, 3725.4])).toBe('01:00:00–01:02:05');
  });
});
