// A Library document as one text for a `{{document}}` variable: its chunks in reading order,
// with the overlap chunking leaves between neighbours (about an eighth of each) removed, so no
// sentence is given to the model twice. Long documents are cut, since a prompt must fit the
// model's window; the cut is marked so the model (and the person) can tell.
import { chunksOfDocument, getDocument, listDocuments, type Chunk } from '../../storage';

/** Characters a document or collection gives a prompt at most (a few thousand tokens). */
export const MAX_VARIABLE_CHARS = 24_000;
const MIN_OVERLAP = 8;
const MAX_OVERLAP = 4_000;

/** Length of the longest end of `before` that `after` starts with (at least MIN_OVERLAP). */
export function overlapLength(before: string, after: string): number {
  const most = Math.min(before.length, after.length, MAX_OVERLAP);
  for (let k = most; k >= MIN_OVERLAP; k -= 1) {
    if (before.endsWith(after.slice(0, k))) return k;
  }
  return 0;
}

/** Joins chunks (already in order) without the text neighbours share. */
export function joinChunks(chunks: readonly Pick<Chunk, 'text'>[]): string {
  let text = '';
  let previous = '';
  for (const chunk of chunks) {
    const overlap = overlapLength(previous, chunk.text);
    const rest = chunk.text.slice(overlap);
    if (overlap > 0) text += rest;
    else text += (text === '' ? '' : '\n\n') + rest;
    previous = chunk.text;
  }
  return text;
}

/** Cuts `text` to `max` characters at a word boundary, marking the cut with "[…]". */
export function capText(text: string, max: number = MAX_VARIABLE_CHARS): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max);
  const space = cut.lastIndexOf(' ');
  return `${space > max * 0.7 ? cut.slice(0, space) : cut} […]`;
}

/** A stored document's text for a prompt (null: it is gone). */
export async function documentText(id: string): Promise<string | null> {
  const doc = await getDocument(id);
  if (!doc) return null;
  return capText(joinChunks(await chunksOfDocument(id)));
}

/** A collection's documents' texts, each under its name (null: no document in it). */
export async function collectionText(id: string): Promise<string | null> {
  const docs = (await listDocuments()).filter((d) => d.collectionIds.includes(id));
  if (docs.length === 0) return null;
  const parts: string[] = [];
  let length = 0;
  for (const doc of docs) {
    if (length >= MAX_VARIABLE_CHARS) break;
    const text = joinChunks(await chunksOfDocument(doc.id));
    const part = `# ${doc.title ?? doc.name}\n\n${text}`;
    parts.push(part);
    length += part.length;
  }
  return capText(parts.join('\n\n'));
}
