/**
 * Checks every field of a decoded payload before anything shows it: types, ranges, lengths,
 * and no field that is not in the schema. The field checks are validate-fields.ts; a prompt
 * template's content is checked in validate-template.ts. Hand-written (a few dozen lines) rather than a
 * schema library: the schema is small, and the share chunk stays small.
 */
import { ShareError } from './errors';
import * as F from './validate-fields';
import { promptTemplate } from './validate-template';
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

const TIME_MAX = F.TIME_MAX;
const { array, fail, number, object, optional, string } = F;

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
  if (!/^[0-9a-f]{64}$/.test(sha)) fail(`${path}.contentSha256`, 'not-value', 'a SHA-256 in hex');
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
  return {
    role: F.oneOf(o['role'], `${path}.role`, ROLES),
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
  if (messages.length === 0) fail(`${path}.messages`, 'empty');
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
  if (o['format'] !== SHARE_ENVELOPE) fail('share.format', 'not-value', `"${SHARE_ENVELOPE}"`);
  if (o['version'] !== SHARE_SCHEMA_VERSION)
    fail('share.version', 'not-value', SHARE_SCHEMA_VERSION);
  const kind = o['kind'];
  if (typeof kind !== 'string' || !SHARE_KINDS.includes(kind as SharePayload['kind'])) {
    throw new ShareError(
      'unknown-kind',
      `This link holds "${String(kind).slice(0, 40)}", which this version of Omnia cannot open.`,
    );
  }
  const envelope = { format: SHARE_ENVELOPE, version: SHARE_SCHEMA_VERSION } as const;
  const content = o['content'];
  const checkedProvenance = (): ShareProvenance => provenance(o['provenance'], 'share.provenance');
  if (kind === 'prompt-template') {
    return {
      ...envelope,
      kind,
      content: promptTemplate(content, 'share.content'),
      provenance: checkedProvenance(),
    };
  }
  return {
    ...envelope,
    kind: 'conversation',
    content: conversation(content, 'share.content'),
    provenance: checkedProvenance(),
  };
}
