/**
 * Hash routes (#/settings, #/chat/<id>): they work from any sub-path of any static host and
 * offline, since every navigation stays on index.html.
 */
export const ROUTES = ['home', 'chat', 'models', 'settings', 'system'] as const;
export type Route = (typeof ROUTES)[number];

interface Location {
  route: Route;
  /** The second segment, e.g. the conversation id in #/chat/<id>; null when absent. */
  param: string | null;
}

function parse(hash: string): Location {
  const [name = '', param] = hash.replace(/^#\/?/, '').split('?')[0]?.split('/') ?? [];
  const route = (ROUTES as readonly string[]).includes(name) ? (name as Route) : 'home';
  return { route, param: param ? decodeURIComponent(param) : null };
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

  href(route: Route, param?: string): string {
    if (route === 'home') return '#/';
    return param ? `#/${route}/${encodeURIComponent(param)}` : `#/${route}`;
  }

  /** Navigates (adds a history entry, so Back returns). */
  go(route: Route, param?: string): void {
    location.hash = this.href(route, param);
  }
}

export const router = new Router();
