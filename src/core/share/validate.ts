/**
 * Checks every field of a decoded payload before anything shows it: types, ranges, lengths,
 * and no field that is not in the schema. Hand-written (a few dozen lines) rather than a
 * schema library: the schema is small, and the share chunk stays small.
 */
import { ShareError } from './errors';
import {
  SHARE_ENVELOPE,
  SHARE_KINDS,
  SHARE_SCHEMA_VERSION,
  type ConversationContent,
  type SharedCitation,
  type SharedMessage,
  type SharedParams,
  type SharePayload,
  type ShareProvenance,
} from './format';
import * as L from './limits';

type Obj = Record<string, unknown>;

function fail(path: string, problem: string): never {
  throw new ShareError(
    'bad-schema',
    `The shared content does not fit the format: ${path} ${problem}.`,
  );
}

function object(value: unknown, path: string, required: string[], optional: string[] = []): Obj {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    fail(path, 'is not an object');
  const obj = value as Obj;
  for (const key of Object.keys(obj)) {
    if (!required.includes(key) && !optional.includes(key))
      fail(`${path}.${key}`, 'is not allowed');
  }
  for (const key of required) if (!(key in obj)) fail(`${path}.${key}`, 'is missing');
  return obj;
}

function string(value: unknown, path: string, max: number, allowEmpty = true): string {
  if (typeof value !== 'string') fail(path, 'is not text');
  if (value.length > max) fail(path, `is longer than ${max} characters`);
  if (!allowEmpty && value.trim() === '') fail(path, 'is empty');
  return value;
}

function number(value: unknown, path: string, min: number, max: number, integer = false): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) fail(path, 'is not a number');
  if (integer && !Number.isInteger(value)) fail(path, 'is not a whole number');
  if (value < min || value > max) fail(path, `is outside ${min}–${max}`);
  return value;
}

function array(value: unknown, path: string, max: number): unknown[] {
  if (!Array.isArray(value)) fail(path, 'is not a list');
  if (value.length > max) fail(path, `has more than ${max} entries`);
  return value;
}

/** Copies optional fields that passed their check, so the result holds nothing unchecked. */
function optional<T>(obj: Obj, key: string, check: (v: unknown, path: string) => T, path: string) {
  return key in obj && obj[key] !== undefined ? { [key]: check(obj[key], `${path}.${key}`) } : {};
}

const TIME_MAX = 8.64e15;

function params(value: unknown, path: string): SharedParams {
  const o = object(value, path, ['temperature', 'topP', 'maxNewTokens']);
  return {
    temperature: number(o['temperature'], `${path}.temperature`, 0, 10),
    topP: number(o['topP'], `${path}.topP`, 0, 1),
    maxNewTokens: number(o['maxNewTokens'], `${path}.maxNewTokens`, 1, 1_000_000, true),
  };
}

function provenance(value: unknown, path: string): ShareProvenance {
  const o = object(value, path, ['appVersion', 'createdAt', 'models', 'sources', 'contentSha256']);
  const sha = string(o['contentSha256'], `${path}.contentSha256`, 64);
  if (!/^[0-9a-f]{64}$/.test(sha)) fail(`${path}.contentSha256`, 'is not a SHA-256 in hex');
  return {
    appVersion: string(o['appVersion'], `${path}.appVersion`, 40),
    createdAt: number(o['createdAt'], `${path}.createdAt`, 0, TIME_MAX),
    models: array(o['models'], `${path}.models`, L.MAX_MODELS).map((m, i) => {
      const p = `${path}.models[${i}]`;
      const mo = object(m, p, ['id'], ['params']);
      return {
        id: string(mo['id'], `${p}.id`, L.MAX_SHORT_CHARS, false),
        ...optional(mo, 'params', params, p),
      };
    }),
    sources: array(o['sources'], `${path}.sources`, L.MAX_SOURCES).map((s, i) => {
      const p = `${path}.sources[${i}]`;
      const so = object(s, p, ['name'], ['page', 'section']);
      return {
        name: string(so['name'], `${p}.name`, L.MAX_SHORT_CHARS),
        ...optional(so, 'page', (v, q) => number(v, q, 1, 1e6, true), p),
        ...optional(so, 'section', (v, q) => string(v, q, L.MAX_SHORT_CHARS), p),
      };
    }),
    contentSha256: sha,
  };
}

function citation(value: unknown, path: string): SharedCitation {
  const o = object(value, path, ['index'], ['documentName', 'page', 'section', 'text']);
  return {
    index: number(o['index'], `${path}.index`, 1, L.MAX_CITATIONS, true),
    ...optional(o, 'documentName', (v, q) => string(v, q, L.MAX_SHORT_CHARS), path),
    ...optional(o, 'page', (v, q) => number(v, q, 1, 1e6, true), path),
    ...optional(o, 'section', (v, q) => string(v, q, L.MAX_SHORT_CHARS), path),
    ...optional(o, 'text', (v, q) => string(v, q, L.MAX_CITATION_TEXT_CHARS), path),
  };
}

const ROLES = ['system', 'user', 'assistant'] as const;

function message(value: unknown, path: string): SharedMessage {
  const o = object(value, path, ['role', 'content', 'createdAt'], ['modelId', 'citations']);
  const role = o['role'];
  if (!ROLES.includes(role as SharedMessage['role']))
    fail(`${path}.role`, 'is not system, user or assistant');
  return {
    role: role as SharedMessage['role'],
    content: string(o['content'], `${path}.content`, L.MAX_MESSAGE_CHARS),
    createdAt: number(o['createdAt'], `${path}.createdAt`, 0, TIME_MAX),
    ...optional(o, 'modelId', (v, q) => string(v, q, L.MAX_SHORT_CHARS, false), path),
    ...optional(
      o,
      'citations',
      (v, q) => array(v, q, L.MAX_CITATIONS).map((c, i) => citation(c, `${q}[${i}]`)),
      path,
    ),
  };
}

function conversation(value: unknown, path: string): ConversationContent {
  const o = object(value, path, ['title', 'messages']);
  const messages = array(o['messages'], `${path}.messages`, L.MAX_MESSAGES);
  if (messages.length === 0) fail(`${path}.messages`, 'is empty');
  return {
    title: string(o['title'], `${path}.title`, L.MAX_TITLE_CHARS),
    messages: messages.map((m, i) => message(m, `${path}.messages[${i}]`)),
  };
}

/**
 * A payload with every field checked and nothing else in it.
 * @throws ShareError 'bad-schema' (naming the field), or 'unknown-kind' for a kind from a newer app.
 */
export function validatePayload(value: unknown): SharePayload {
  const o = object(value, 'share', ['format', 'version', 'kind', 'content', 'provenance']);
  if (o['format'] !== SHARE_ENVELOPE) fail('share.format', `is not "${SHARE_ENVELOPE}"`);
  if (o['version'] !== SHARE_SCHEMA_VERSION)
    fail('share.version', `is not ${SHARE_SCHEMA_VERSION}`);
  const kind = o['kind'];
  if (typeof kind !== 'string' || !SHARE_KINDS.includes(kind as SharePayload['kind'])) {
    throw new ShareError(
      'unknown-kind',
      `This link holds "${String(kind).slice(0, 40)}", which this version of Omnia cannot open.`,
    );
  }
  return {
    format: SHARE_ENVELOPE,
    version: SHARE_SCHEMA_VERSION,
    kind: 'conversation',
    content: conversation(o['content'], 'share.content'),
    provenance: provenance(o['provenance'], 'share.provenance'),
  };
}
