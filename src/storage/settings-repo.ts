// Typed access to the `settings` table. Stored values come from older app versions,
// imports and hand-edited exports, so every read is validated: a value that does not
// fit reads as `undefined` (the caller's default applies) instead of crashing the app.
import { getDatabase } from './db';
import { SettingValueError, toStorageWriteError } from './errors';
import type { GenerationParamsRow } from './types';

export interface SettingValues {
  locale: 'en' | 'pt-BR';
  theme: 'light' | 'dark' | 'system';
  developerMode: boolean;
  /** Where model files come from: the public hub, or a relay (its /models URL). */
  modelSource: ModelSourceSetting;
  /** Personas the person wrote, beside the built-in ones. */
  customPersonas: CustomPersonaRow[];
  /** Persona and sampling a new conversation starts with. */
  chatDefaults: ChatDefaults;
  /** Whether the chat offers a next step when a message shows doubt or frustration. */
  suggestionsEnabled: boolean;
  /** The chat model chosen last (a catalog id). */
  chatModelId: string;
  /**
   * The Library's embedding model (a catalog id); null: keyword search only, chosen by the
   * person. Unset: the first installed embedding model, in catalog order.
   */
  libraryEmbeddingModelId: string | null;
  /**
   * Minutes without use after which the inference worker unloads its model, unless pinned;
   * 0: never. Fractions are allowed (developers pick seconds to test the unload).
   */
  idleUnloadMinutes: number;
}

export interface CustomPersonaRow {
  id: string;
  name: string;
  systemPrompt: string;
  createdAt: number;
}

export interface ChatDefaults {
  personaId: string;
  params: GenerationParamsRow;
}

export type ModelSourceSetting = { kind: 'hub' } | { kind: 'relay'; url: string };

function isModelSource(value: unknown): value is ModelSourceSetting {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as { kind?: unknown; url?: unknown };
  if (v.kind === 'hub') return true;
  return v.kind === 'relay' && typeof v.url === 'string' && /^https?:\/\//.test(v.url);
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const isFiniteNumber = (value: unknown): value is number =>
  typeof value === 'number' && Number.isFinite(value);

/** A custom persona as stored: old or hand-edited values are checked before they are used. */
export function isCustomPersonaRow(value: unknown): value is CustomPersonaRow {
  return (
    isRecord(value) &&
    typeof value['id'] === 'string' &&
    value['id'] !== '' &&
    typeof value['name'] === 'string' &&
    typeof value['systemPrompt'] === 'string' &&
    isFiniteNumber(value['createdAt'])
  );
}

function isChatDefaults(value: unknown): value is ChatDefaults {
  if (!isRecord(value) || typeof value['personaId'] !== 'string') return false;
  const params = value['params'];
  return (
    isRecord(params) &&
    isFiniteNumber(params['temperature']) &&
    isFiniteNumber(params['topP']) &&
    isFiniteNumber(params['maxNewTokens'])
  );
}

export type SettingKey = keyof SettingValues;

const oneOf =
  <T extends string>(...allowed: readonly T[]) =>
  (value: unknown): value is T =>
    typeof value === 'string' && (allowed as readonly string[]).includes(value);

const VALIDATORS: { readonly [K in SettingKey]: (value: unknown) => value is SettingValues[K] } = {
  locale: oneOf('en', 'pt-BR'),
  theme: oneOf('light', 'dark', 'system'),
  developerMode: (value): value is boolean => typeof value === 'boolean',
  modelSource: isModelSource,
  customPersonas: (value): value is CustomPersonaRow[] =>
    Array.isArray(value) && value.every(isCustomPersonaRow),
  chatDefaults: isChatDefaults,
  suggestionsEnabled: (value): value is boolean => typeof value === 'boolean',
  chatModelId: (value): value is string => typeof value === 'string' && value.length > 0,
  libraryEmbeddingModelId: (value): value is string | null =>
    value === null || (typeof value === 'string' && value.length > 0),
  // A day at most: a larger number is a corrupt value, and setTimeout overflows past 24.8 days.
  idleUnloadMinutes: (value): value is number =>
    isFiniteNumber(value) && value >= 0 && value <= 24 * 60,
};

function isValid<K extends SettingKey>(key: K, value: unknown): value is SettingValues[K] {
  // Object.hasOwn keeps runtime keys such as 'toString' from reaching a prototype method.
  return Object.hasOwn(VALIDATORS, key) && VALIDATORS[key](value);
}

/** The stored value of `key`, or `undefined` when unset or not a valid value. */
export async function getSetting<K extends SettingKey>(
  key: K,
): Promise<SettingValues[K] | undefined> {
  const row = await getDatabase().settings.get(key);
  if (row === undefined) return undefined;
  return isValid(key, row.value) ? row.value : undefined;
}

/**
 * Stores `value` for `key`.
 * @throws SettingValueError when the value is not allowed (a caller bypassing the types).
 * @throws StorageWriteError when the browser refuses the write.
 */
export async function setSetting<K extends SettingKey>(
  key: K,
  value: SettingValues[K],
): Promise<void> {
  if (!isValid(key, value)) throw new SettingValueError(key, value);
  try {
    await getDatabase().settings.put({ key, value });
  } catch (error) {
    throw toStorageWriteError(error, `saving the setting '${key}'`);
  }
}
