// Chat preferences restored from the settings table (a real IndexedDB, fake-indexeddb) while
// the person changes them: the restore's reads are held back until the test lets them go, so
// a change always lands while the restore is still reading. Before chat-prefs-store.ts, the
// restore then put the stored values back over the person's (the chat-settings browser test
// failed this way once on a busy machine), and a change built from the values shown before the
// read (the built-in persona, an empty persona list) wrote those over the person's own.
import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it } from 'vitest';
import {
  ChatPrefsStore,
  INITIAL_CHAT_PREFS,
  type ChatPrefsValues,
  type PrefsStorage,
} from '../../../../src/app/state/chat-prefs-store';
import { DEFAULT_PERSONA_ID, type CustomPersona } from '../../../../src/core/chat/personas';
import { deleteAllData } from '../../../../src/storage/portability';
import { getSetting, setSetting } from '../../../../src/storage/settings-repo';

const MENTOR: CustomPersona = {
  id: 'custom-mentor',
  name: 'Mentor',
  systemPrompt: 'You are a patient mentor.',
  createdAt: 1,
};

/** The real settings table, with every read waiting until `release()`. */
function heldReads(): { storage: PrefsStorage; release: () => void; waiting: () => number } {
  let release = (): void => {};
  const gate = new Promise<void>((resolve) => (release = resolve));
  let waiting = 0;
  return {
    storage: {
      async get(key) {
        waiting++;
        // Read now, answer later: the value is the one stored before the person's change.
        const value = await getSetting(key);
        await gate;
        return value;
      },
      set: setSetting,
    },
    release: () => release(),
    waiting: () => waiting,
  };
}

function cellOf(values: ChatPrefsValues = INITIAL_CHAT_PREFS): {
  get: () => ChatPrefsValues;
  set: (v: ChatPrefsValues) => void;
} {
  let current = values;
  return { get: () => current, set: (v) => (current = v) };
}

/** Lets pending IndexedDB work and promise callbacks run. */
const settle = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

beforeEach(async () => {
  await deleteAllData();
  await setSetting('chatDefaults', {
    personaId: 'estudo',
    params: { temperature: 0.3, topP: 0.9, maxNewTokens: 64 },
  });
  await setSetting('customPersonas', [MENTOR]);
  await setSetting('suggestionsEnabled', false);
});

describe('ChatPrefsStore', () => {
  it('restores what was stored', async () => {
    const cell = cellOf();
    await new ChatPrefsStore(cell).restore();
    expect(cell.get()).toMatchObject({
      personaId: 'estudo',
      params: { temperature: 0.3, topP: 0.9, maxNewTokens: 64 },
      custom: [MENTOR],
      suggestions: false,
      modelId: null,
    });
  });

  it('keeps a change made while the restore was reading, on screen and in storage', async () => {
    const cell = cellOf();
    const held = heldReads();
    const store = new ChatPrefsStore(cell, held.storage);
    const restoring = store.restore();
    await settle();
    expect(held.waiting()).toBe(4);
    const changing = store.setDefaultParams({ temperature: 0.5, topP: 0.8, maxNewTokens: 128 });
    const suggesting = store.setSuggestions(true);
    const choosing = store.chooseModel('omnia-fixture-causal-lm');
    await settle();
    held.release();
    await Promise.all([restoring, changing, suggesting, choosing]);
    const expected = {
      personaId: 'estudo',
      params: { temperature: 0.5, topP: 0.8, maxNewTokens: 128 },
    };
    expect(cell.get()).toMatchObject({ ...expected, suggestions: true });
    expect(cell.get().modelId).toBe('omnia-fixture-causal-lm');
    // The sampling changed; the persona is the person's own, not the built-in shown before.
    expect(await getSetting('chatDefaults')).toEqual(expected);
    expect(await getSetting('suggestionsEnabled')).toBe(true);
    expect(await getSetting('chatModelId')).toBe('omnia-fixture-causal-lm');
  });

  it('changes the default persona during a restore and keeps the stored sampling', async () => {
    const cell = cellOf();
    const held = heldReads();
    const store = new ChatPrefsStore(cell, held.storage);
    const restoring = store.restore();
    const changing = store.setDefaultPersona(DEFAULT_PERSONA_ID);
    await settle();
    held.release();
    await Promise.all([restoring, changing]);
    const expected = {
      personaId: DEFAULT_PERSONA_ID,
      params: { temperature: 0.3, topP: 0.9, maxNewTokens: 64 },
    };
    expect(cell.get()).toMatchObject(expected);
    expect(await getSetting('chatDefaults')).toEqual(expected);
  });

  it('adds a persona during a restore beside the stored ones, and deletes only the one asked', async () => {
    const cell = cellOf();
    const held = heldReads();
    const store = new ChatPrefsStore(cell, held.storage);
    void store.restore();
    const saving = store.savePersona({ name: 'Poet', systemPrompt: 'Answer in verse.' });
    await settle();
    held.release();
    const poet = await saving;
    if (Array.isArray(poet)) throw new Error(`refused: ${poet.join(', ')}`);
    expect(cell.get().custom.map((p) => p.name)).toEqual(['Mentor', 'Poet']);
    expect((await getSetting('customPersonas'))?.map((p) => p.name)).toEqual(['Mentor', 'Poet']);
    await store.deletePersona(MENTOR.id);
    expect((await getSetting('customPersonas'))?.map((p) => p.name)).toEqual(['Poet']);
    expect(cell.get().custom).toEqual([poet]);
  });

  it('changes without a restore first read what is stored, so nothing stored is lost', async () => {
    const cell = cellOf();
    await new ChatPrefsStore(cell).setDefaultParams({ temperature: 1, topP: 1, maxNewTokens: 32 });
    expect(await getSetting('chatDefaults')).toEqual({
      personaId: 'estudo',
      params: { temperature: 1, topP: 1, maxNewTokens: 32 },
    });
  });
});
