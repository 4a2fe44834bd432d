// One way to cut text for display (titles, extractive highlights): at a word boundary when
// one is near, counting code points so an emoji is never split, and marking the cut.

/** Cuts `text` to ≤ `max` characters (code points), at a word boundary when one is near, adding '…'. */
export function shorten(text: string, max: number): string {
  const chars = Array.from(text);
  if (chars.length <= max) return text;
  const head = chars.slice(0, Math.max(0, max - 1)).join('');
  const space = head.lastIndexOf(' ');
  const cut = space >= head.length / 3 ? head.slice(0, space) : head;
  return `${cut.replace(/[\s.,;:!?…-]+$/u, '')}…`;
}
