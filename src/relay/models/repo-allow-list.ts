/**
 * The optional list of repositories a relay will fetch upstream (`--allow-repo`). Without
 * one, any repository a client names is looked up upstream, so anyone who can reach the relay
 * can make it download whatever the hub holds into its cache. With one, a repository that is
 * not listed is refused before any upstream is contacted. Files in `--models-dir` are not
 * affected: the person running the relay put them there.
 */
import { RelayStartError } from '../errors.ts';

/** `owner/name` matches that repository exactly; `owner/*` matches every repository of owner. */
export type RepoPattern = string;

// The names route.ts accepts: letters, digits, '.', '_' and '-'; an npm scope may own a repo.
const OWNER = /^@?[A-Za-z0-9][A-Za-z0-9._-]{0,95}$/;
const NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,95}$/;

export class RepoAllowList {
  readonly #exact = new Set<string>();
  readonly #owners = new Set<string>();

  /**
   * @throws RelayStartError for a pattern that is not `owner/name` or `owner/*`.
   * @example new RepoAllowList(['mlc-ai/*', 'onnx-community/Qwen2.5-0.5B-Instruct'])
   */
  constructor(patterns: readonly RepoPattern[]) {
    for (const raw of patterns) {
      const pattern = raw.trim();
      const [owner = '', name, ...rest] = pattern.split('/');
      const valid = rest.length === 0 && OWNER.test(owner) && name !== undefined;
      if (valid && name === '*') this.#owners.add(owner);
      else if (valid && NAME.test(name) && !pattern.includes('--')) this.#exact.add(pattern);
      else {
        throw new RelayStartError(
          `Invalid --allow-repo "${raw}": give owner/name (e.g. onnx-community/Qwen2.5-0.5B-Instruct) or owner/* (e.g. mlc-ai/*).`,
        );
      }
    }
  }

  /** The patterns, for messages. */
  get patterns(): string[] {
    return [...this.#exact, ...[...this.#owners].map((owner) => `${owner}/*`)];
  }

  /** True when `repo` (as route.ts parsed it) may be fetched upstream. Case matters. */
  allows(repo: string): boolean {
    if (this.#exact.has(repo)) return true;
    const slash = repo.indexOf('/');
    return slash > 0 && this.#owners.has(repo.slice(0, slash));
  }
}
