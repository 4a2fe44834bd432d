// The model URL contract: models/{repo}/resolve/{revision}/{path}, split at the first resolve.
import { describe, expect, it } from 'vitest';
import { parseModelRoute } from '../../../../src/relay/models/route.ts';

describe('parseModelRoute', () => {
  it('reads a two-segment repo', () => {
    expect(
      parseModelRoute('models/onnx-community/Qwen2.5-0.5B-Instruct/resolve/main/onnx/model.onnx'),
    ).toEqual({
      kind: 'route',
      route: {
        repo: 'onnx-community/Qwen2.5-0.5B-Instruct',
        repoSegments: ['onnx-community', 'Qwen2.5-0.5B-Instruct'],
        revision: 'main',
        path: 'onnx/model.onnx',
        pathSegments: ['onnx', 'model.onnx'],
        immutable: false,
      },
    });
  });

  it('reads a one-segment repo and a commit revision', () => {
    const commit = 'a'.repeat(40);
    expect(parseModelRoute(`models/omnia-fixture-embedder/resolve/${commit}/config.json`)).toEqual({
      kind: 'route',
      route: {
        repo: 'omnia-fixture-embedder',
        repoSegments: ['omnia-fixture-embedder'],
        revision: commit,
        path: 'config.json',
        pathSegments: ['config.json'],
        immutable: true,
      },
    });
  });

  it('splits at the first resolve segment, so a file may be called resolve', () => {
    expect(parseModelRoute('models/org/name/resolve/v1.0/resolve/resolve')).toMatchObject({
      route: { repo: 'org/name', revision: 'v1.0', path: 'resolve/resolve' },
    });
  });

  it('keeps file names the hub allows', () => {
    expect(parseModelRoute('models/o/n/resolve/main/.gitattributes')).toMatchObject({
      route: { path: '.gitattributes' },
    });
    expect(parseModelRoute('models/o/n/resolve/main/with space+plus(1).bin')).toMatchObject({
      route: { path: 'with space+plus(1).bin' },
    });
  });

  it('does not call an uppercase or short hex revision a commit', () => {
    expect(parseModelRoute(`models/o/n/resolve/${'A'.repeat(40)}/x`)).toMatchObject({
      route: { immutable: false },
    });
    expect(parseModelRoute('models/o/n/resolve/abc123/x')).toMatchObject({
      route: { immutable: false },
    });
  });

  it.each([
    ['', /Expected models\//],
    ['models', /Expected models\//],
    ['models/', /Expected models\//],
    ['other/o/n/resolve/main/x', /Expected models\//],
    ['models/o/n/resolve/main', /Expected models\//],
    ['models/resolve/main/x', /Expected models\//],
    ['models/a/b/c/resolve/main/x', /Expected models\//],
    ['models/o/n/tree/main/x', /Expected models\//],
    ['models/-o/n/resolve/main/x', /not a repository name/],
    ['models/o--x/n/resolve/main/x', /not a repository name/],
    ['models/_/n/resolve/main/x', /not a repository name/],
    ['models/o/n/resolve/ma:in/x', /not a revision/],
    ['models/o/n/resolve/.hidden/x', /not a revision/],
    ['models/o/n/resolve/main/', /empty/],
    ['models/o/n/resolve/main/a//b', /empty/],
    ['models/o/n/resolve/main/a/./b', /empty/],
    ['models/o/n/resolve/main/a/../b', /empty/],
    ['models/o/n/resolve/main/a\u0001b', /control characters/],
    ['models/o/n/resolve/main/x.partial', /reserved/],
    ['models/o/n/resolve/main/x.omnia.json', /reserved/],
    [`models/o/n/resolve/main/${'x'.repeat(256)}`, /longer than 255/],
    [`models/o/n/resolve/main/${'x/'.repeat(600)}x`, /longer than 1024/],
  ])('refuses %j', (relative, reason) => {
    const parsed = parseModelRoute(relative);
    expect(parsed.kind).toBe('malformed');
    if (parsed.kind === 'malformed') expect(parsed.reason).toMatch(reason);
  });
});
