/**
 * What a share link carries: a versioned envelope around one kind of content, tagged by
 * `kind`: a conversation or a prompt template. Workflows and agent presets join the
 * `SharePayload` union (with a validator and a case in the preview) when those features
 * exist, without changing the envelope or the link format.
 */

export const SHARE_ENVELOPE = 'omnia-share';
/** Version of the JSON envelope (the link format has its own, limits.ts). */
export const SHARE_SCHEMA_VERSION = 1;

/** Sampling a model answered with. */
export interface SharedParams {
  temperature: number;
  topP: number;
  maxNewTokens: number;
}

/** Where a shared thing came from, so the person who opens it can judge it. */
export interface ShareProvenance {
  /** The Omnia version that made the link. */
  appVersion: string;
  /** When the link was made (ms since 1970). */
  createdAt: number;
  /** Models that wrote the content, with the sampling they used when known. */
  models: { id: string; params?: SharedParams }[];
  /** Documents the content cites (names only: the documents themselves never travel). */
  sources: { name: string; page?: number; section?: string }[];
  /** SHA-256 (hex) of the content's canonical JSON (sorted keys): see contentHash(). */
  contentSha256: string;
}

/** A Library passage an answer cited, as text: the recipient does not have the document. */
export interface SharedCitation {
  index: number;
  documentName?: string;
  page?: number;
  section?: string;
  text?: string;
}

export interface SharedMessage {
  role: 'system' | 'user' | 'assistant';
  content: string;
  createdAt: number;
  modelId?: string;
  citations?: SharedCitation[];
}

export interface ConversationContent {
  title: string;
  /** One branch, oldest first. */
  messages: SharedMessage[];
}

/** One declared variable of a shared template version (the fields of PromptVariableRow). */
export interface SharedVariable {
  name: string;
  kind: 'text' | 'longText' | 'number' | 'choice' | 'document' | 'collection' | 'file';
  label?: string;
  required?: boolean;
  defaultValue?: string;
  choices?: string[];
}

/** One version of a shared template: its number in the author's history, text and note. */
export interface SharedPromptVersion {
  number: number;
  body: string;
  variables: SharedVariable[];
  note: string;
  /** The shared version it reverted to (only when that one travels too). */
  revertedFrom?: number;
  createdAt: number;
}

export interface PromptTemplateContent {
  name: string;
  description: string;
  /** The number of the version in use; always one of `versions`. */
  inUseVersion: number;
  /** The version in use alone, or every version (oldest first), as the sharer chose. */
  versions: SharedPromptVersion[];
}

interface Envelope<K extends string, C> {
  format: typeof SHARE_ENVELOPE;
  version: typeof SHARE_SCHEMA_VERSION;
  kind: K;
  content: C;
  provenance: ShareProvenance;
}

export type ConversationShare = Envelope<'conversation', ConversationContent>;
export type PromptTemplateShare = Envelope<'prompt-template', PromptTemplateContent>;

/** Every kind of content a link can carry. Add a kind here, in validate.ts and in the preview. */
export type SharePayload = ConversationShare | PromptTemplateShare;
export type ShareKind = SharePayload['kind'];
export const SHARE_KINDS: readonly ShareKind[] = ['conversation', 'prompt-template'];
/** The content each kind carries. */
export type ShareContentOf<K extends ShareKind> = Extract<SharePayload, { kind: K }>['content'];

/** JSON with object keys sorted at every level: the same content always hashes the same. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => {
    if (v && typeof v === 'object' && !Array.isArray(v)) {
      const record = v as Record<string, unknown>;
      return Object.fromEntries(
        Object.keys(record)
          .sort()
          .map((k) => [k, record[k]]),
      );
    }
    return v;
  });
}
