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
/** Routes a link opens but the nav does not list: a shared link (#/share/<payload>) and demo mode. */
export const LINK_ROUTES = ['share', 'demo'] as const;
/** Every route that has a view. */
export type ViewRoute = Route | (typeof LINK_ROUTES)[number];
const VIEW_ROUTES: readonly string[] = [...ROUTES, ...LINK_ROUTES];

/** A malformed %-escape (a hand-edited or hostile link) stays as typed instead of breaking the app. */
function decodeParam(param: string): string {
  try {
    return decodeURIComponent(param);
  } catch {
    return param;
  }
}

interface Location {
  route: ViewRoute;
  /** The second segment, e.g. the conversation id in #/chat/<id>; null when absent. */
  param: string | null;
  /** What follows `?`, e.g. the message to show in #/chat/<id>?m=<message id>. */
  query: URLSearchParams;
}

function parse(hash: string): Location {
  const [path = '', query = ''] = hash.replace(/^#\/?/, '').split('?');
  const [name = '', param] = path.split('/');
  const route = VIEW_ROUTES.includes(name) ? (name as ViewRoute) : 'home';
  return {
    route,
    param: param ? decodeParam(param) : null,
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

  get route(): ViewRoute {
    return this.#location.route;
  }

  get param(): string | null {
    return this.#location.param;
  }

  get query(): URLSearchParams {
    return this.#location.query;
  }

  href(route: ViewRoute, param?: string, query?: Record<string, string>): string {
    if (route === 'home') return '#/';
    const path = param ? `#/${route}/${encodeURIComponent(param)}` : `#/${route}`;
    const search = query ? new URLSearchParams(query).toString() : '';
    return search ? `${path}?${search}` : path;
  }

  /** Navigates (adds a history entry, so Back returns). */
  go(route: ViewRoute, param?: string, query?: Record<string, string>): void {
    location.hash = this.href(route, param, query);
  }
}

export const router = new Router();
