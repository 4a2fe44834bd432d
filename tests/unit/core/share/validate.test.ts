// The schema check: a payload with any field of the wrong type, out of range, too long,
// missing or extra is refused naming the field; a kind from a newer app has its own error.
import { describe, expect, it } from 'vitest';
import { ShareError } from '../../../../src/core/share/errors';
import type { ConversationShare } from '../../../../src/core/share/format';
import { MAX_MESSAGES, MAX_TITLE_CHARS } from '../../../../src/core/share/limits';
import { validatePayload } from '../../../../src/core/share/validate';
import { DELETE, refusal, type Path } from './refusal';

function valid(): ConversationShare {
  return {
    format: 'omnia-share',
    version: 1,
    kind: 'conversation',
    content: {
      title: 'Hi',
      messages: [
        { role: 'user', content: 'Olá', createdAt: 1 },
        {
          role: 'assistant',
          content: 'Oi [1]',
          createdAt: 2,
          modelId: 'm',
          citations: [{ index: 1, documentName: 'a.md', page: 2, text: 'x' }],
        },
      ],
    },
    provenance: {
      appVersion: '0.1.0',
      createdAt: 3,
      models: [{ id: 'm', params: { temperature: 0.7, topP: 0.9, maxNewTokens: 64 } }],
      sources: [{ name: 'a.md', page: 2 }],
      contentSha256: 'a'.repeat(64),
    },
  };
}

/** The valid payload with the value at `path` replaced (or deleted), then validated. */
function refused(path: Path, value: unknown): string {
  const error = refusal(valid(), path, value);
  return `${error.kind}: ${error.message}`;
}

const M = ['content', 'messages'] as const;

describe('validatePayload', () => {
  it('keeps a valid payload as it is', () => {
    expect(validatePayload(valid())).toEqual(valid());
  });

  it('refuses every kind of wrong field, naming it', () => {
    const cases: [Path, unknown, string][] = [
      [['format'], 'other', 'share.format'],
      [['version'], 2, 'share.version'],
      [['extra'], 1, 'share.extra'],
      [['provenance'], DELETE, 'share.provenance'],
      [['content'], [], 'share.content'],
      [['content', 'title'], 7, 'share.content.title'],
      [['content', 'title'], 'x'.repeat(MAX_TITLE_CHARS + 1), 'share.content.title'],
      [[...M], [], 'share.content.messages'],
      [[...M], Array(MAX_MESSAGES + 1).fill(valid().content.messages[0]), 'share.content.messages'],
      [[...M, 0, 'role'], 'admin', 'messages[0].role'],
      [[...M, 0, 'content'], null, 'messages[0].content'],
      [[...M, 0, 'createdAt'], '1', 'messages[0].createdAt'],
      [[...M, 0, 'createdAt'], Number.NaN, 'messages[0].createdAt'],
      [[...M, 0, 'html'], '<b>', 'messages[0].html'],
      [[...M, 1, 'citations', 0, 'index'], 0, 'citations[0].index'],
      [[...M, 1, 'citations', 0, 'page'], 1.5, 'citations[0].page'],
      [[...M, 1, 'modelId'], '', 'messages[1].modelId'],
      [['provenance', 'contentSha256'], 'xyz', 'contentSha256'],
      [['provenance', 'models', 0, 'params', 'topP'], 2, 'params.topP'],
      [['provenance', 'models'], {}, 'provenance.models'],
      [['provenance', 'sources', 0, 'name'], ['a'], 'sources[0].name'],
      [['content'], null, 'share.content'],
    ];
    for (const [path, value, field] of cases) {
      const message = refused(path, value);
      expect(message.startsWith('bad-schema: '), message).toBe(true);
      expect(message).toContain(field);
    }
  });

  it('says when a link holds a kind this version cannot open', () => {
    expect(refused(['kind'], 'workflow')).toMatch(/^unknown-kind/);
    expect(refused(['kind'], 42)).toMatch(/^unknown-kind/);
  });

  it('refuses what is not an object at all', () => {
    for (const value of [null, 1, 'x', [], true]) {
      expect(() => validatePayload(value)).toThrow(ShareError);
    }
  });
});
