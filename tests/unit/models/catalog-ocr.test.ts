// The OCR entries: the fixture is exactly the file npm put in node_modules, the real por/eng
// data comes from the npm CDN on the hub source (and from a relay in the hub layout), and
// the app's CSP lets that CDN be reached.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { getModel, listModels } from '../../../src/models/catalog';
import { TESSDATA_NPM_VERSION } from '../../../src/models/catalog-media';
import { HUB_SOURCE, fileUrl, parseRelayUrl } from '../../../src/models/download/source-urls';
import { contentSecurityPolicy } from '../../../src/relay/security-headers';

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

describe('the OCR fixture', () => {
  const entry = getModel('omnia-fixture-ocr-eng');

  it('is the English data of the pinned npm package, byte for byte', () => {
    const pkg = JSON.parse(
      readFileSync('node_modules/@tesseract.js-data/eng/package.json', 'utf8'),
    ) as { version: string };
    expect(pkg.version).toBe(TESSDATA_NPM_VERSION);
    expect(entry).toMatchObject({
      task: 'ocr',
      engine: 'tesseract',
      repo: '@tesseract.js-data/eng',
      languages: ['en'],
      dtype: 'int8-lstm',
      fixture: true,
      sizeSource: 'exact',
      needs: { webgpu: 'no' },
    });
    expect(entry.files).toHaveLength(1);
    const [file] = entry.files;
    const bytes = readFileSync(`node_modules/${entry.repo}/${file!.path}`);
    expect(bytes.length).toBe(file!.size);
    expect(sha256(bytes)).toBe(file!.sha256);
    expect(entry.totalBytes).toBe(bytes.length);
  });

  it('is the same file as the real English entry', () => {
    expect(getModel('tesseract-eng-fast').files).toEqual(entry.files);
  });

  it('is hidden unless fixtures are asked for', () => {
    expect(listModels({ task: 'ocr' }).map((e) => e.id)).toEqual([
      'tesseract-por-fast',
      'tesseract-eng-fast',
    ]);
    expect(listModels({ task: 'ocr', includeFixtures: true }).map((e) => e.id)).toContain(entry.id);
  });
});

describe('where tesseract data comes from', () => {
  it('fetches por and eng from the npm CDN at the pinned version on the hub source', () => {
    for (const lang of ['por', 'eng']) {
      const entry = getModel(`tesseract-${lang}-fast`);
      expect(entry).toMatchObject({ revision: '1.0.0', revisionPinned: true, sizeSource: 'exact' });
      expect(fileUrl(HUB_SOURCE, entry, entry.files[0]!.path)).toBe(
        `https://cdn.jsdelivr.net/npm/@tesseract.js-data/${lang}@1.0.0/4.0.0_best_int/${lang}.traineddata.gz`,
      );
    }
  });

  it('fetches from a relay in the hub layout, under the package name', () => {
    const entry = getModel('omnia-fixture-ocr-eng');
    expect(fileUrl(parseRelayUrl('http://127.0.0.1:4173/'), entry, entry.files[0]!.path)).toBe(
      'http://127.0.0.1:4173/models/%40tesseract.js-data/eng/resolve/main/4.0.0_best_int/eng.traineddata.gz',
    );
  });

  it('lets the app connect to the npm CDN', () => {
    const connect = contentSecurityPolicy()
      .split('; ')
      .find((d) => d.startsWith('connect-src'));
    expect(connect?.split(' ')).toContain('https://cdn.jsdelivr.net');
  });
});
