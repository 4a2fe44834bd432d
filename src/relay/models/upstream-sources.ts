/**
 * Which origins a repository's files are fetched from, how their URLs are laid out, and which
 * hops each fetch may take. Hub repositories come from the configured upstreams in the hub's
 * layout; a model-library repository (model-libraries.ts) comes only from its own origin, in
 * the raw layout. Each source carries its own policy, so the library origin is an allowed host
 * for library files and for nothing else.
 */
import { type ResolvedModelOptions } from './config.ts';
import { type ModelRoute } from './route.ts';
import { type UpstreamPolicy } from './upstream-policy.ts';

/** `hub`: `<origin>/<repo>/resolve/<revision>/<path>`; `raw`: `<origin>/<repo>/<revision>/<path>`. */
export type UrlLayout = 'hub' | 'raw';

export interface UpstreamSource {
  origin: URL;
  layout: UrlLayout;
  policy: UpstreamPolicy;
  /**
   * The origin's ETag may be taken as the file's SHA-256 when it is 64 hex digits. True for
   * the hub; false for GitHub, whose ETag is not documented to be one (a wrong guess would
   * make every download fail its check).
   */
  etagIsSha256: boolean;
}

/** The sources to try, in order, for each repository; none means "not fetched at all". */
export type SourcesFor = (repo: string) => readonly UpstreamSource[];

export function upstreamSources(models: ResolvedModelOptions): SourcesFor {
  const common = {
    allowPrivateUpstreams: models.allowPrivateUpstreams,
    ...(models.lookup ? { lookup: models.lookup } : {}),
  };
  const hubPolicy: UpstreamPolicy = {
    ...common,
    upstreamHosts: new Set(models.upstreams.map((url) => url.host)),
    redirectHosts: models.redirectHosts,
  };
  const hub: readonly UpstreamSource[] = models.upstreams.map((origin) => ({
    origin,
    layout: 'hub',
    policy: hubPolicy,
    etagIsSha256: true,
  }));
  const libraries = new Map<string, readonly UpstreamSource[]>(
    models.libraries.map((library) => [
      library.repo,
      [
        {
          origin: library.origin,
          layout: 'raw',
          policy: {
            ...common,
            upstreamHosts: new Set([library.origin.host]),
            redirectHosts: library.redirectHosts,
          },
          etagIsSha256: false,
        },
      ],
    ]),
  );
  return (repo) => libraries.get(repo) ?? hub;
}

/** The URL of `route` on `source`. */
export function sourceUrl(source: UpstreamSource, route: ModelRoute): URL {
  const resolve = source.layout === 'hub' ? ['resolve'] : [];
  const parts = [...route.repoSegments, ...resolve, route.revision, ...route.pathSegments];
  return new URL(parts.map(encodeURIComponent).join('/'), `${source.origin.origin}/`);
}
