/**
 * Hash routes (#/settings): they work from any sub-path of any static host and offline,
 * since every navigation stays on index.html.
 */
export const ROUTES = ['home', 'models', 'settings', 'system'] as const;
export type Route = (typeof ROUTES)[number];

function parse(hash: string): Route {
  const name = hash.replace(/^#\/?/, '').split(/[/?]/)[0];
  return (ROUTES as readonly string[]).includes(name ?? '') ? (name as Route) : 'home';
}

class Router {
  #route = $state<Route>(parse(location.hash));

  constructor() {
    addEventListener('hashchange', () => {
      this.#route = parse(location.hash);
    });
  }

  get route(): Route {
    return this.#route;
  }

  href(route: Route): string {
    return route === 'home' ? '#/' : `#/${route}`;
  }
}

export const router = new Router();
