/** English UI strings. Every key here must exist in pt-BR.ts too (the type checker enforces it). */
import { chatEn } from './chat-en';
import { gpuLossEn } from './gpu-loss-en';
import { chatSettingsEn } from './chat-settings-en';
import { chatSidebarEn } from './chat-sidebar-en';
import { libraryEn } from './library-en';
import { researchEn } from './research-en';
import { voiceChatEn } from './voice-chat-en';
import { transcribeEn } from './transcribe-en';
import { libraryMediaEn } from './library-media-en';
import { modelsEn } from './models-en';
import { loadedModelEn } from './loaded-model-en';
import { shareEn } from './share-en';
import { shareTemplateEn } from './share-template-en';
import { promptsEn } from './prompts-en';

export const en = {
  'app.name': 'Omnia',
  'app.tagline': 'Private AI workspace',
  'app.skipToContent': 'Skip to content',
  'app.viewLoading': 'Loading…',
  'app.viewLoadFailed': 'This page could not be loaded. Check your connection, then try again.',
  'app.viewRetry': 'Try again',
  'nav.label': 'Main',
  'nav.home': 'Home',
  'nav.settings': 'Settings',
  'nav.system': 'System',
  'nav.models': 'Models',

  'network.online': 'Online',
  'network.offline': 'Offline',
  'network.offlineHint': 'You are offline. Everything stored on this device still works.',

  'storage.label': 'Storage',
  'storage.usage': '{used} used of {quota}',
  'storage.usageUnknown': 'Usage unknown',
  'storage.persisted': 'Persistent',
  'storage.notPersisted': 'Not persistent',
  'storage.persistButton': 'Keep my data',
  'storage.persistGranted': 'The browser will keep Omnia’s data even when disk space runs low.',
  'storage.persistDenied':
    'The browser declined for now. Your data is still stored, but the browser may clear it when disk space runs low. Installing Omnia usually lets it agree.',
  'storage.unsupported': 'This browser does not report storage use.',

  'notices.label': 'Notices',
  'pwa.updateAvailable': 'A new version of Omnia is available.',
  'pwa.reload': 'Reload',
  'pwa.later': 'Later',
  'pwa.offlineReady': 'Omnia is ready to work offline.',
  'pwa.dismiss': 'OK',
  'pwa.registerError': 'Offline support could not start: {message}',

  'home.title': 'Welcome to Omnia',
  'home.intro':
    'Chat, ask questions about your documents, dictate and look at images with AI that runs on this device. Nothing you store here leaves it.',
  'home.yourData': 'Your data on this device',
  'home.counts':
    '{conversations, plural, one {# conversation} other {# conversations}}, {messages, plural, one {# message} other {# messages}}, {documents, plural, one {# document} other {# documents}}',
  'home.device': 'This device',
  'home.seeSystem': 'See system details',
  'home.privacy': 'Private by design',
  'home.privacyText':
    'Conversations, documents and settings live in this browser’s storage. Export them or delete them at any time in Settings.',

  'settings.title': 'Settings',
  'settings.appearance': 'Appearance',
  'settings.language': 'Language',
  'settings.theme': 'Theme',
  'settings.theme.system': 'Match the system',
  'settings.theme.light': 'Light',
  'settings.theme.dark': 'Dark',
  'settings.storage': 'Storage',
  'settings.data': 'Your data',
  'settings.dataIntro':
    'Everything is kept in this browser. Export it to one file to keep a copy or move it to another device.',
  'settings.export': 'Export everything',
  'settings.exporting': 'Exporting…',
  'settings.exportFailed': 'The export failed: {detail}. Nothing was changed.',
  'settings.exportDone':
    '{count, plural, one {Exported # record} other {Exported # records}} to {file}.',
  'settings.import': 'Import from a file',
  'settings.importHint': 'Importing replaces what is stored now with the file’s contents.',
  'settings.importing': 'Importing…',
  'settings.importDone': '{count, plural, one {Imported # record.} other {Imported # records.}}',
  'settings.deleteAll': 'Delete all my data',
  'settings.deleteAllHint':
    'Removes every conversation, document, setting and job from this device. This cannot be undone.',
  'settings.deleteConfirmTitle': 'Delete all your data?',
  'settings.deleteConfirmText':
    'Every conversation, document, setting and job stored by Omnia in this browser will be removed. Export first if you want a copy.',
  'settings.deleteConfirm': 'Delete everything',
  'settings.cancel': 'Cancel',
  'settings.deleteFailed': 'Deleting failed: {detail}. Reload the page and try again.',
  'settings.deleted': 'All your data was deleted.',
  'settings.developer': 'Developer',
  'settings.developerMode': 'Show developer tools and test models',

  'import.error.not-json':
    'That file is not valid JSON. Choose a file made by “Export everything”.',
  'import.error.not-omnia-export':
    'That file is not an Omnia export. Choose a file made by “Export everything”.',
  'import.error.newer-schema':
    'That file was made by a newer version of Omnia. Update Omnia (reload the page), then import it again.',
  'import.error.invalid-table':
    'That file contains data Omnia does not know ({detail}). Nothing was changed.',
  'import.error.invalid-row': 'Part of that file is damaged ({detail}). Nothing was changed.',
  'import.error.too-large': 'That file is too large to import.',
  'import.error.quota':
    'There is not enough storage space for this file. Free some space (for example, delete models you do not use) and try again.',
  'import.error.unknown': 'The import failed: {detail}. Nothing was changed.',
  'import.unchanged': 'Your existing data was not changed.',

  'system.title': 'System',
  'system.device': 'Device',
  'system.webgpu': 'WebGPU',
  'system.webgpuAdapter': '{vendor} · {architecture}',
  'system.webgpuMissing': 'Not available',
  'system.shaderF16': 'Half-precision shaders (shader-f16)',
  'system.yes': 'Yes',
  'system.no': 'No',
  'system.cores': 'CPU cores',
  'system.memory': 'Device memory (approximate)',
  'system.unknown': 'Unknown',
  'system.isolated': 'Multithreaded WASM (cross-origin isolation)',
  'system.workers': 'Background workers',
  'system.workersIntro':
    'Heavy work runs in background workers so the page stays responsive. This test hashes generated data in a worker, as model downloads are verified.',
  'system.workerTestSize': 'Data to hash',
  'system.workerTestRun': 'Run worker test',
  'system.workerTestCancel': 'Cancel',
  'system.workerTestProgress': 'Hashing… {percent}%',
  'system.workerTestResult': 'SHA-256 {hash} · {speed}/s',
  'system.workerTestCancelled': 'The test was cancelled.',
  'system.workerState': 'Worker: {state}',
  'system.workerState.stopped': 'stopped',
  'system.workerState.starting': 'starting',
  'system.workerState.idle': 'idle',
  'system.workerState.busy': 'busy',

  'error.worker.crashed':
    'The background worker stopped unexpectedly. Reload the page and try again.',
  'error.worker.out-of-memory':
    'The device ran out of memory. Close other tabs or use a smaller input.',
  'error.worker.invalid-input': 'The worker could not use that input.',
  'error.worker.failed': 'The background task failed: {detail}',
  ...chatEn,
  ...chatSidebarEn,
  ...chatSettingsEn,
  ...libraryEn,
  ...researchEn,
  ...voiceChatEn,
  ...transcribeEn,
  ...libraryMediaEn,
  ...modelsEn,
  ...loadedModelEn,
  ...gpuLossEn,
  ...shareEn,
  ...shareTemplateEn,
  ...promptsEn,
} as const;

export type MessageKey = keyof typeof en;
