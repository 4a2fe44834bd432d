/** Starts the UI: restores remembered preferences, mounts the shell, registers the service worker. */
import { mount } from 'svelte';
import App from './App.svelte';
import { i18n } from './i18n/i18n.svelte';
import { theme } from './state/theme.svelte';
import { developer } from './state/developer.svelte';
import { storageStatus } from './state/storage-status.svelte';
import { pwa } from './state/pwa.svelte';
import { router } from './router.svelte';
import { views } from './views/view-loader.svelte';
import './styles/app.css';

async function start(): Promise<void> {
  // Preferences first, so the first paint is already in the chosen language and theme; the
  // first view's chunk arrives meanwhile, so the first paint shows it, not a loading line.
  await Promise.allSettled([
    i18n.restore(),
    theme.restore(),
    developer.restore(),
    views.load(router.route),
  ]);
  const target = document.getElementById('app');
  if (!target) throw new Error('index.html has no #app element');
  mount(App, { target });
  document.documentElement.dataset['ready'] = 'true';
  pwa.start();
  await storageStatus.refresh();
}

void start();
