/**
 * Repositories that do not live on the model hub. web-llm runs each chat model with a compiled
 * model library (`<LibName>-webgpu.wasm`) that MLC publishes in a GitHub repository, not on
 * the hub. The app asks a relay for it in the hub layout all the same
 * (`models/mlc-ai/binary-mlc-llm-libs/resolve/main/web-llm-models/v0_2_86/base/<file>`), and
 * the relay fetches it from the origin this table names, whose URLs are
 * `<origin>/<repo>/<revision>/<path>` (no `resolve/`).
 *
 * The origin is trusted for these repositories only: it is never an upstream for any other
 * repository, and the hub is never asked for these. Fetches from it get the same checks as
 * hub fetches (https, public addresses, redirects re-checked, every byte hashed).
 */

export interface ModelLibraryRepo {
  /** The repository, as it appears in the relay's URL. */
  repo: string;
  /** Where its files are: `<origin>/<repo>/<revision>/<path>`. */
  origin: string;
  /** Hosts its redirects may lead to, besides the origin itself. */
  redirectHosts: readonly string[];
}

/** Every model-library repository the relay knows, with where its files come from. */
export const MODEL_LIBRARY_REPOS: readonly ModelLibraryRepo[] = Object.freeze([
  {
    // web-llm's `modelLibURLPrefix`: raw.githubusercontent.com/mlc-ai/binary-mlc-llm-libs/main/…
    repo: 'mlc-ai/binary-mlc-llm-libs',
    origin: 'https://raw.githubusercontent.com',
    // Plain git files (a few MB each): GitHub serves them without a redirect.
    redirectHosts: Object.freeze([]),
  },
]);

/** The table's row for `repo`, or undefined for a hub repository. */
export function modelLibraryRepo(repo: string): ModelLibraryRepo | undefined {
  return MODEL_LIBRARY_REPOS.find((row) => row.repo === repo);
}
