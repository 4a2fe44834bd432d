// Why this file exists: one way to write a time in a recording, shared by transcripts, their
// exports, library sections and citations, so "00:01:05" means the same thing everywhere.

/** Seconds as a clock: "01:05" under an hour, "1:02:03" past it; `millis` adds ".250". */
export function formatClock(
  seconds: number,
  options: { millis?: boolean; hours?: boolean } = {},
): string {
  const safe = Number.isFinite(seconds) && seconds > 0 ? seconds : 0;
  const totalMs = options.millis === true ? Math.round(safe * 1000) : Math.floor(safe) * 1000;
  const hours = Math.floor(totalMs / 3_600_000);
  const minutes = Math.floor((totalMs % 3_600_000) / 60_000);
  const secs = Math.floor((totalMs % 60_000) / 1000);
  const ms = totalMs % 1000;
  const two = (n: number): string => String(n).padStart(2, '0');
  let clock = `${two(minutes)}:${two(secs)}`;
  if (options.hours === true) clock = `${two(hours)}:${clock}`;
  else if (hours > 0) clock = `${hours}:${clock}`;
  return options.millis === true ? `${clock}.${String(ms).padStart(3, '0')}` : clock;
}

/** A stretch of a recording for sections and citations: "00:01:05–00:01:30" (hours always shown). */
export function formatTimeRange(range: readonly [number, number]): string {
  return `${formatClock(range[0], { hours: true })}–${formatClock(range[1], { hours: true })}`;
}
