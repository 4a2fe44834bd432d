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
    let text = this.#decode(this.#ids);
    if (!last) text = text.replace(TRAILING_REPLACEMENT, '');
    // A decoder that rewrites earlier text (rare) cannot be streamed piecewise: wait.
    if (!text.startsWith(this.#emitted)) return '';
    const piece = text.slice(this.#emitted.length);
    this.#emitted = text;
    return piece;
  }

  /** The decoded text of every token so far. */
  full(): string {
    return this.#ids.length === 0 ? '' : this.#decode(this.#ids);
  }
}
