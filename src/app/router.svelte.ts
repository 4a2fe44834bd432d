/**
 * Hash routes (#/settings, #/chat/<id>, #/research/<id>): they work from any sub-path of any static host and
 * offline, since every navigation stays on index.html.
 */
export const ROUTES = [
  'home',
  'chat',
  'library',
  'research',
  'prompts',
  'transcribe',
  'models',
  'settings',
  'system',
] as const;
export type Route = (typeof ROUTES)[number];

interface Location {
  route: Route;
  /** The second segment, e.g. the conversation id in #/chat/<id>; null when absent. */
  param: string | null;
  /** What follows `?`, e.g. the message to show in #/chat/<id>?m=<message id>. */
  query: URLSearchParams;
}

function parse(hash: string): Location {
  const [path = '', query = ''] = hash.replace(/^#\/?/, '').split('?');
  const [name = '', param] = path.split('/');
  const route = (ROUTES as readonly string[]).includes(name) ? (name as Route) : 'home';
  return {
    route,
    param: param ? decodeURIComponent(param) : null,
    query: new URLSearchParams(query),
  };
}

class Router {
  #location = $state<Location>(parse(location.hash));

  constructor() {
    addEventListener('hashchange', () => {
      this.#location = parse(location.hash);
    });
  }

  get route(): Route {
    return this.#location.route;
  }

  get param(): string | null {
    return this.#location.param;
  }

  get query(): URLSearchParams {
    return this.#location.query;
  }

  href(route: Route, param?: string, query?: Record<string, string>): string {
    if (route === 'home') return '#/';
    const path = param ? `#/${route}/${encodeURIComponent(param)}` : `#/${route}`;
    const search = query ? new URLSearchParams(query).toString() : '';
    return search ? `${path}?${search}` : path;
  }

  /** Navigates (adds a history entry, so Back returns). */
  go(route: Route, param?: string, query?: Record<string, string>): void {
    location.hash = this.href(route, param, query);
  }
}

export const router = new Router();
