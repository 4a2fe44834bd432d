// Which space this tab's data lives in. 'personal' is the person's own database ('omnia');
// 'demo' is a database of its own ('omnia-demo') holding only the demo's sample documents and
// whatever is done in demo mode. A separate database, not demo-tagged rows, so that no code
// path — Library indexes, search, export, delete-all, a bug in any of them — can mix demo rows
// into the person's data or delete theirs: leaving demo mode deletes one whole database the
// person's data was never in.
//
// The choice is per tab and made before the first read: in a window, sessionStorage (it
// survives reloads of this tab, and no other tab sees it); in a worker, its name, which the
// worker's client suffixes with the space (workerNameInSpace). Switching reloads the page, so
// no open connection or in-memory state ever spans two spaces.
//
// Model installs are state of this device (the bytes are in OPFS whatever the space), so they
// stay in the personal database in every space: see getDeviceDatabase().

export type Space = 'personal' | 'demo';

/** Database names: do not change without a migration. */
export const SPACE_DATABASES: Readonly<Record<Space, string>> = {
  personal: 'omnia',
  demo: 'omnia-demo',
};

/** The sessionStorage key that holds a window's space. */
export const SPACE_SESSION_KEY = 'omnia.space';
const WORKER_SUFFIX = '@space:';

let chosen: Space | undefined;

/** The slice of Web Storage used here (workers compile without the DOM's `Storage`). */
interface SessionStore {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

/** The window's sessionStorage; undefined in a worker or in Node. */
function sessionStore(): SessionStore | undefined {
  return (globalThis as { sessionStorage?: SessionStore }).sessionStorage;
}

function isSpace(value: unknown): value is Space {
  return value === 'personal' || value === 'demo';
}

function detect(): Space {
  const scope = globalThis as { name?: unknown };
  try {
    const store = sessionStore();
    if (store) {
      const saved = store.getItem(SPACE_SESSION_KEY);
      return isSpace(saved) ? saved : 'personal';
    }
  } catch {
    // Storage disabled: the person's own space.
  }
  if (typeof scope.name === 'string') {
    const at = scope.name.lastIndexOf(WORKER_SUFFIX);
    const named = at >= 0 ? scope.name.slice(at + WORKER_SUFFIX.length) : '';
    if (isSpace(named)) return named;
  }
  return 'personal';
}

/** This tab's (or this worker's) space, fixed at the first call. */
export function currentSpace(): Space {
  chosen ??= detect();
  return chosen;
}

/** The database this tab's data lives in. */
export function spaceDatabaseName(): string {
  return SPACE_DATABASES[currentSpace()];
}

/** A worker name that carries this tab's space, so the worker opens the same database. */
export function workerNameInSpace(base: string): string {
  const space = currentSpace();
  return space === 'personal' ? base : `${base}${WORKER_SUFFIX}${space}`;
}

/**
 * Sets the space this tab will use from its next load on (the caller reloads). Nothing in this
 * load changes: connections stay on the space they opened.
 */
export function chooseSpaceForNextLoad(space: Space): void {
  const store = sessionStore();
  if (store === undefined) return;
  if (space === 'personal') store.removeItem(SPACE_SESSION_KEY);
  else store.setItem(SPACE_SESSION_KEY, space);
}

/** For tests: forget the detected space. */
export function resetSpaceForTests(space?: Space): void {
  chosen = space;
}
