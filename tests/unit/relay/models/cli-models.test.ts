// The model flags of the relay's command line.
import { describe, expect, it } from 'vitest';
import { parseCli, USAGE } from '../../../../src/relay/cli-options.ts';
import { CliUsageError } from '../../../../src/relay/errors.ts';

describe('model flags', () => {
  it('leaves every model option to startRelay by default', () => {
    expect(parseCli([])).toMatchObject({ options: { models: {} } });
  });

  it('reads every model flag', () => {
    const argv = [
      '--models-dir',
      'tests/fixtures/models',
      '--upstream',
      'https://huggingface.co',
      '--upstream',
      'https://mirror.example',
      '--cache-dir',
      '/var/cache/omnia',
      '--max-upstream',
      '2',
      '--rate-limit',
      '64k',
      '--allow-repo',
      'mlc-ai/*',
      '--allow-repo',
      'onnx-community/Qwen2.5-0.5B-Instruct',
      '--max-cache',
      '20g',
    ];
    expect(parseCli(argv)).toMatchObject({
      options: {
        models: {
          dir: 'tests/fixtures/models',
          upstreams: ['https://huggingface.co', 'https://mirror.example'],
          cacheDir: '/var/cache/omnia',
          maxUpstreamFetches: 2,
          rateLimitBytesPerSecond: 65536,
          allowRepos: ['mlc-ai/*', 'onnx-community/Qwen2.5-0.5B-Instruct'],
          maxCacheBytes: 20 * 1024 ** 3,
        },
      },
    });
  });

  it.each([
    ['500000', 500000],
    ['2m', 2 * 1024 * 1024],
    ['2M', 2 * 1024 * 1024],
    [' 16K ', 16 * 1024],
  ])('reads --rate-limit %j as %i bytes/s', (text, rate) => {
    expect(parseCli(['--rate-limit', text])).toMatchObject({
      options: { models: { rateLimitBytesPerSecond: rate } },
    });
  });

  it.each([
    ['1048576', 1048576],
    ['500m', 500 * 1024 ** 2],
    ['20g', 20 * 1024 ** 3],
    ['20GiB', 20 * 1024 ** 3],
    ['1.5g', 1.5 * 1024 ** 3],
    [' 2T ', 2 * 1024 ** 4],
    ['64kb', 64 * 1024],
  ])('reads --max-cache %j as %i bytes', (text, bytes) => {
    expect(parseCli(['--max-cache', text])).toMatchObject({
      options: { models: { maxCacheBytes: bytes } },
    });
  });

  it('turns the upstreams off with --no-upstream', () => {
    expect(parseCli(['--no-upstream'])).toMatchObject({ options: { models: { upstreams: [] } } });
  });

  it.each([
    ['--max-upstream', '0'],
    ['--max-upstream', 'many'],
    ['--rate-limit', '0'],
    ['--rate-limit', 'fast'],
    ['--rate-limit', '1g'],
    ['--no-upstream', '--upstream', 'https://huggingface.co'],
    ['--max-cache', '0'],
    ['--max-cache', 'lots'],
    ['--max-cache', '-5g'],
    ['--max-cache', '5x'],
    ['--max-cache', '0.1'],
  ])('refuses %j', (...argv) => {
    expect(() => parseCli(argv)).toThrow(CliUsageError);
  });

  it('documents the flags in --help', () => {
    for (const flag of [
      '--models-dir',
      '--upstream',
      '--no-upstream',
      '--cache-dir',
      '--max-upstream',
      '--rate-limit',
      '--allow-repo',
      '--max-cache',
    ]) {
      expect(USAGE).toContain(flag);
    }
  });
});
