/**
 * Reads a model URL: `models/{repo}/resolve/{revision}/{path}` below the app's base, the
 * same shape as huggingface.co's `/{repo}/resolve/{revision}/{path}`, so a relay URL can
 * stand in for the hub host in every engine. This is a contract with the browser's download
 * manager. request-path.ts has already decoded the path and refused `..`, backslashes and
 * NUL; this file refuses everything else that could not be a model file, because each
 * segment becomes a file name in the models folder or the cache.
 */

export interface ModelRoute {
  /** `org/name`, `@scope/name` (an npm package) or `name`, e.g. `onnx-community/Qwen2.5-0.5B-Instruct`. */
  repo: string;
  repoSegments: readonly string[];
  /** A branch, tag or commit, e.g. `main`. */
  revision: string;
  /** The file inside the repo, e.g. `onnx/model_quantized.onnx`. */
  path: string;
  pathSegments: readonly string[];
  /** The revision is a 40-hex commit, so the file behind this URL can never change. */
  immutable: boolean;
}

export type ParsedModelRoute =
  { kind: 'route'; route: ModelRoute } | { kind: 'malformed'; reason: string };

/** The first segment of every model URL below the app's base. */
export const MODELS_SEGMENT = 'models';

export const ROUTE_SHAPE =
  'models/{repo}/resolve/{revision}/{file}, e.g. models/onnx-community/Qwen2.5-0.5B-Instruct/resolve/main/config.json';

// The cache keeps `<file>.partial` while filling and `<file>.omnia.json` beside each file.
const RESERVED_SUFFIXES = ['.partial', '.omnia.json'];

const NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,95}$/;
/** An npm scope ('@tesseract.js-data'), allowed as the owner of a two-segment repo. */
const SCOPE = /^@[A-Za-z0-9][A-Za-z0-9._-]{0,95}$/;
const REVISION = /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/;
const COMMIT = /^[0-9a-f]{40}$/;
// eslint-disable-next-line no-control-regex -- control characters are exactly what it refuses.
const CONTROL = /[\u0000-\u001f\u007f]/;
const MAX_SEGMENT = 255;
const MAX_PATH = 1024;

/**
 * Parses the decoded path below the base.
 * @example parseModelRoute('models/org/name/resolve/main/onnx/model.onnx')
 *   // { kind: 'route', route: { repo: 'org/name', revision: 'main', path: 'onnx/model.onnx', … } }
 */
export function parseModelRoute(relative: string): ParsedModelRoute {
  const segments = relative.split('/');
  if (segments[0] !== MODELS_SEGMENT) return malformed(`Expected ${ROUTE_SHAPE}.`);
  const rest = segments.slice(1);
  const at = rest.indexOf('resolve');
  if (at < 1 || at > 2 || rest.length < at + 3) return malformed(`Expected ${ROUTE_SHAPE}.`);

  const repoSegments = rest.slice(0, at);
  const revision = rest[at + 1] ?? '';
  const pathSegments = rest.slice(at + 2);
  const path = pathSegments.join('/');

  const badRepo = repoSegments.find(
    (segment, i) =>
      !(NAME.test(segment) || (i === 0 && repoSegments.length === 2 && SCOPE.test(segment))) ||
      segment.includes('--'),
  );
  if (badRepo !== undefined) {
    return malformed(
      `"${badRepo}" is not a repository name: use letters, digits, '.', '_' and '-' (an npm scope such as @org may own a repo).`,
    );
  }
  if (!REVISION.test(revision)) {
    return malformed(`"${revision}" is not a revision: use a branch, tag or commit such as main.`);
  }
  const pathProblem = checkFilePath(pathSegments, path);
  if (pathProblem) return malformed(pathProblem);

  return {
    kind: 'route',
    route: {
      repo: repoSegments.join('/'),
      repoSegments,
      revision,
      path,
      pathSegments,
      immutable: COMMIT.test(revision),
    },
  };
}

function checkFilePath(segments: readonly string[], path: string): string | undefined {
  if (path.length > MAX_PATH) return `The file path is longer than ${MAX_PATH} characters.`;
  for (const segment of segments) {
    if (segment === '' || segment === '.' || segment === '..') {
      return `The file path "${path}" has an empty, "." or ".." segment.`;
    }
    if (segment.length > MAX_SEGMENT)
      return `A file name is longer than ${MAX_SEGMENT} characters.`;
    if (CONTROL.test(segment)) return 'The file path contains control characters.';
  }
  const name = segments.at(-1) ?? '';
  const reserved = RESERVED_SUFFIXES.find((suffix) => name.endsWith(suffix));
  if (reserved) return `File names ending in "${reserved}" are reserved by the relay's cache.`;
  return undefined;
}

function malformed(reason: string): ParsedModelRoute {
  return { kind: 'malformed', reason };
}
