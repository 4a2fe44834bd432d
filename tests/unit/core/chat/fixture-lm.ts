// Why this file exists: the runAnswer tests on the real engine share one setup: the fixture
// GPT-2 loaded once per file through transformers.js on the CPU, disposed after, and storage
// (fake-indexeddb, imported by the test file) emptied before each test, with fetch stubbed
// so that any network request fails the file.
import { afterAll, beforeAll, beforeEach, expect, vi } from 'vitest';
import { getModel } from '../../../../src/models/catalog';
import { loadTransformersChat } from '../../../../src/models/engines/transformers/transformers-chat';
import type { ChatEngine } from '../../../../src/models/engines/types';
import { deleteAllData } from '../../../../src/storage';
import { diskSource, referenceChat } from '../../models/engines/fixture-files';

/** The fixture GPT-2's catalog entry (a 128-token window). */
export const FIXTURE_LM = getModel('omnia-fixture-causal-lm');

/**
 * The fixture LM's chat prompt in reference.json (`prompt`), its system and user text, and
 * the greedy ids the numpy reference generated for it (q8).
 */
export function fixtureChat() {
  const prompt = referenceChat();
  return {
    prompt,
    system: prompt.messages.find((t) => t.role === 'system')?.content ?? '',
    user: prompt.messages.find((t) => t.role === 'user')?.content ?? '',
    expectedIds: prompt.q8.generated_ids,
  };
}

/**
 * Registers the file's hooks: load the fixture GPT-2 before all tests, dispose it after, and
 * delete all stored data before each test; fetch rejects throughout, and a call to it fails
 * the file after all tests. Call at the top level of a test file; `chat` is the loaded engine
 * inside tests.
 */
export function useFixtureLm(): { readonly chat: ChatEngine } {
  let chat: ChatEngine | null = null;
  const fetchSpy = vi.fn(() => Promise.reject(new Error('tests make no network requests')));
  beforeAll(async () => {
    vi.stubGlobal('fetch', fetchSpy);
    chat = await loadTransformersChat({
      entry: FIXTURE_LM,
      files: diskSource(FIXTURE_LM.id),
      device: 'cpu',
    });
  });
  afterAll(async () => {
    await chat?.dispose();
    vi.unstubAllGlobals();
    expect(fetchSpy).not.toHaveBeenCalled();
  });
  beforeEach(async () => {
    await deleteAllData();
  });
  return {
    get chat(): ChatEngine {
      if (!chat) throw new Error('the fixture LM is not loaded yet (use it inside a test)');
      return chat;
    },
  };
}
