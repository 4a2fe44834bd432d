/**
 * Turns generated token ids into text pieces, one per token, whose concatenation is the
 * decoded answer. Byte-level tokenizers split characters across tokens, so a prefix decodes
 * to a trailing U+FFFD until the rest of the character arrives: those are held back (the
 * token adds '') unless the token is known to be the last one. TextStreamer's own callback
 * waits for whole words instead, which is too coarse for streaming and timing.
 */
const TRAILING_REPLACEMENT = /\uFFFD+$/;

export class TokenText {
  readonly #decode: (ids: number[]) => string;
  readonly #ids: number[] = [];
  #emitted = '';
  /**
   * Each token decodes only a short window, not the whole answer again (that made every token
   * cost as much as all before it). The window starts at the tokens of the last piece handed
   * out, which give decoders the context they look back at (a leading space dropped at the
   * start of a decode, spaces cleaned up before punctuation): the piece is what the window
   * decodes to beyond what those tokens alone decode to.
   */
  #start = 0;
  /** Tokens whose text has been handed out. */
  #read = 0;

  constructor(decode: (ids: number[]) => string) {
    this.#decode = decode;
  }

  get ids(): readonly number[] {
    return this.#ids;
  }

  /** Everything handed out so far. */
  get emitted(): string {
    return this.#emitted;
  }

  /** Adds a token; returns the text it adds ('' while a character is still incomplete). */
  push(id: number, last: boolean): string {
    this.#ids.push(id);
    const before = this.#text(this.#ids.slice(this.#start, this.#read));
    const text = this.#text(this.#ids.slice(this.#start));
    const settled = last || !TRAILING_REPLACEMENT.test(text);
    if (settled && text.length > before.length && text.startsWith(before)) {
      const piece = text.slice(before.length);
      this.#emitted += piece;
      this.#start = this.#read;
      this.#read = this.#ids.length;
      return piece;
    }
    // A decoder that rewrites earlier text (rare) cannot be streamed piecewise: wait, and on
    // the last token hand out what the whole answer adds.
    if (!last) return '';
    const full = this.full();
    if (!full.startsWith(this.#emitted)) return '';
    const piece = full.slice(this.#emitted.length);
    this.#emitted = full;
    return piece;
  }

  /** The decoded text of every token so far. */
  full(): string {
    return this.#text(this.#ids);
  }

  /** transformers.js refuses to decode no tokens. */
  #text(ids: number[]): string {
    return ids.length === 0 ? '' : this.#decode(ids);
  }
}
