/**
 * Why a share link or file could not be opened. Each kind has a message in both UI languages
 * (the app localises by `kind`); the English `message` is for logs. Opening never changes
 * anything stored, so every one of them also means "nothing was changed".
 */
export type ShareErrorKind =
  /** The fragment or file is longer than MAX_PAYLOAD_CHARS. */
  | 'too-long'
  /** Not `<version>.<mode>.<data>[.<key>]`, or a version/mode this app does not know. */
  | 'bad-format'
  /** A part is not base64url. */
  | 'bad-base64'
  /** The compressed bytes are not deflate, or decompress past MAX_JSON_BYTES (a bomb). */
  | 'bad-compression'
  | 'too-large'
  /** Decryption failed: wrong passphrase or key, or the bytes were altered. */
  | 'wrong-key'
  /** The link needs a passphrase and none was given. */
  | 'needs-passphrase'
  /** Not JSON, or JSON that does not fit the schema (every field is checked). */
  | 'bad-schema'
  /** A kind of content this version cannot open (a newer app made it). */
  | 'unknown-kind'
  /** The content does not match the hash in its provenance note: altered on the way. */
  | 'tampered';

/** What is wrong with a field of a 'bad-schema' payload (the app words it in each language). */
export type SchemaProblem =
  | 'not-object'
  | 'not-allowed'
  | 'missing'
  | 'not-text'
  | 'too-long'
  | 'empty'
  | 'not-number'
  | 'not-whole'
  | 'out-of-range'
  | 'not-list'
  | 'too-many'
  | 'not-one-of'
  | 'not-true-false'
  | 'duplicate'
  | 'not-shared'
  | 'bad-template'
  | 'not-value';

/** Which field of a 'bad-schema' payload is wrong, and how (`limit`: the cap it passed). */
export interface SchemaDetail {
  /** Like `share.content.versions[0].variables[1].kind`. */
  field: string;
  problem: SchemaProblem;
  limit?: string;
}

export class ShareError extends Error {
  readonly kind: ShareErrorKind;
  readonly schema?: SchemaDetail;
  constructor(
    kind: ShareErrorKind,
    message: string,
    options?: ErrorOptions & { schema?: SchemaDetail },
  ) {
    super(message, options);
    this.name = 'ShareError';
    this.kind = kind;
    if (options?.schema) this.schema = options.schema;
  }
}
