/**
 * The chat preferences in the settings table, apart from their reactivity (chat-prefs.svelte.ts
 * holds the values as state and hands them here as `PrefsCell`): read once, then changed only
 * through this class.
 *
 * Every change waits until the remembered values have been read. Without that, a read still
 * running when the person changed something (a slow start, a busy disk) finished afterwards and
 * put the older stored value back over the new one, on screen and in every later save built
 * from it; and a change that keeps the rest of a setting — the default persona when the
 * sampling changes, the other personas when one is added — kept the built-in values shown
 * before the read instead of the person's own, and wrote those over them.
 */
import {
  DEFAULT_PARAMS,
  normalizeParams,
  type GenerationParams,
} from '../../core/chat/generation-params';
import {
  DEFAULT_PERSONA_ID,
  validatePersona,
  type CustomPersona,
  type PersonaProblem,
} from '../../core/chat/personas';
import { getSetting, setSetting, type SettingKey, type SettingValues } from '../../storage';

export interface ChatPrefsValues {
  /** The person's own personas, beside the built-in ones. */
  custom: readonly CustomPersona[];
  /** Persona and sampling a new conversation starts with. */
  personaId: string;
  params: GenerationParams;
  suggestions: boolean;
  /** The chat model chosen last; null until one is. */
  modelId: string | null;
}

/** Before anything is read: the built-in defaults. */
export const INITIAL_CHAT_PREFS: ChatPrefsValues = {
  custom: [],
  personaId: DEFAULT_PERSONA_ID,
  params: { ...DEFAULT_PARAMS },
  suggestions: true,
  modelId: null,
};

/** Where the values live (reactive state in the app, a plain object in tests). */
export interface PrefsCell {
  get(): ChatPrefsValues;
  set(values: ChatPrefsValues): void;
}

/** The settings table's reads and writes (storage's own functions unless a test delays them). */
export interface PrefsStorage {
  get<K extends SettingKey>(key: K): Promise<SettingValues[K] | undefined>;
  set<K extends SettingKey>(key: K, value: SettingValues[K]): Promise<void>;
}

const SETTINGS: PrefsStorage = { get: getSetting, set: setSetting };

export class ChatPrefsStore {
  readonly #cell: PrefsCell;
  readonly #storage: PrefsStorage;
  #restoring: Promise<void> | null = null;

  constructor(cell: PrefsCell, storage: PrefsStorage = SETTINGS) {
    this.#cell = cell;
    this.#storage = storage;
  }

  /** Reads the remembered values once; later calls wait on the same read (a failed one is retried). */
  restore(): Promise<void> {
    this.#restoring ??= this.#read().catch((error: unknown) => {
      this.#restoring = null;
      throw error;
    });
    return this.#restoring;
  }

  async #read(): Promise<void> {
    const [custom, defaults, suggestions, modelId] = await Promise.all([
      this.#storage.get('customPersonas'),
      this.#storage.get('chatDefaults'),
      this.#storage.get('suggestionsEnabled'),
      this.#storage.get('chatModelId'),
    ]);
    const values = { ...this.#cell.get() };
    if (custom) values.custom = custom;
    if (defaults) {
      values.personaId = defaults.personaId;
      values.params = normalizeParams(defaults.params);
    }
    if (suggestions !== undefined) values.suggestions = suggestions;
    if (modelId) values.modelId = modelId;
    this.#cell.set(values);
  }

  /** Applies `patch` once the remembered values are in; returns the values it made. */
  async #change(patch: Partial<ChatPrefsValues>): Promise<ChatPrefsValues> {
    await this.restore();
    const values = { ...this.#cell.get(), ...patch };
    this.#cell.set(values);
    return values;
  }

  async chooseModel(modelId: string): Promise<void> {
    await this.#change({ modelId });
    await this.#storage.set('chatModelId', modelId);
  }

  /** The persona new conversations start with; their sampling stays as it is. */
  async setDefaultPersona(personaId: string): Promise<void> {
    const values = await this.#change({ personaId });
    await this.#saveDefaults(values);
  }

  /** The sampling new conversations start with; their persona stays as it is. */
  async setDefaultParams(params: GenerationParams): Promise<void> {
    const values = await this.#change({ params: normalizeParams(params) });
    await this.#saveDefaults(values);
  }

  async setSuggestions(enabled: boolean): Promise<void> {
    await this.#change({ suggestions: enabled });
    await this.#storage.set('suggestionsEnabled', enabled);
  }

  /** Adds or edits a custom persona; returns the problems instead when the draft is invalid. */
  async savePersona(
    draft: { name: string; systemPrompt: string },
    editingId?: string,
  ): Promise<PersonaProblem[] | CustomPersona> {
    await this.restore();
    const custom = this.#cell.get().custom;
    const problems = validatePersona(draft, custom, editingId);
    if (problems.length > 0) return problems;
    const existing = custom.find((p) => p.id === editingId);
    const persona: CustomPersona = {
      id: existing?.id ?? `custom-${crypto.randomUUID()}`,
      name: draft.name.trim(),
      systemPrompt: draft.systemPrompt.trim(),
      createdAt: existing?.createdAt ?? Date.now(),
    };
    const next = existing
      ? custom.map((p) => (p.id === persona.id ? persona : p))
      : [...custom, persona];
    await this.#storage.set('customPersonas', next);
    this.#cell.set({ ...this.#cell.get(), custom: next });
    return persona;
  }

  async deletePersona(id: string): Promise<void> {
    await this.restore();
    const next = this.#cell.get().custom.filter((p) => p.id !== id);
    await this.#storage.set('customPersonas', next);
    this.#cell.set({ ...this.#cell.get(), custom: next });
  }

  #saveDefaults(values: ChatPrefsValues): Promise<void> {
    return this.#storage.set('chatDefaults', {
      personaId: values.personaId,
      params: { ...values.params },
    });
  }
}
