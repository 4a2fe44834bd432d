// Settings are read at start-up by the UI, so a bad stored value must never crash it.
import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it } from 'vitest';
import { getDatabase } from '../../../src/storage/db';
import { SettingValueError } from '../../../src/storage/errors';
import { deleteAllData } from '../../../src/storage/portability';
import { getSetting, setSetting, type SettingValues } from '../../../src/storage/settings-repo';

beforeEach(async () => {
  await deleteAllData();
});

describe('settings', () => {
  it('reads undefined for a setting never set', async () => {
    expect(await getSetting('locale')).toBeUndefined();
    expect(await getSetting('developerMode')).toBeUndefined();
  });

  it('stores and reads back each setting', async () => {
    await setSetting('locale', 'pt-BR');
    await setSetting('theme', 'dark');
    await setSetting('developerMode', false);
    expect(await getSetting('locale')).toBe('pt-BR');
    expect(await getSetting('theme')).toBe('dark');
    expect(await getSetting('developerMode')).toBe(false);
    await setSetting('locale', 'en');
    expect(await getSetting('locale')).toBe('en');
    expect(await getDatabase().settings.count()).toBe(3);
  });

  it('reads a corrupt stored value as undefined, never crashing', async () => {
    await getDatabase().settings.bulkPut([
      { key: 'locale', value: 'klingon' },
      { key: 'theme', value: { dark: true } },
      { key: 'developerMode', value: 'yes' },
    ]);
    expect(await getSetting('locale')).toBeUndefined();
    expect(await getSetting('theme')).toBeUndefined();
    expect(await getSetting('developerMode')).toBeUndefined();
  });

  it('reads a key it does not know as undefined', async () => {
    await getDatabase().settings.put({ key: 'toString', value: 'x' });
    expect(await getSetting('toString' as keyof SettingValues)).toBeUndefined();
  });

  it('refuses to store a value outside the allowed set', async () => {
    await expect(setSetting('theme', 'neon' as SettingValues['theme'])).rejects.toThrow(
      SettingValueError,
    );
    await expect(setSetting('locale', 'fr' as SettingValues['locale'])).rejects.toMatchObject({
      name: 'SettingValueError',
      key: 'locale',
    });
    expect(await getSetting('theme')).toBeUndefined();
  });

  it('keeps the idle-unload minutes: 0 means never; negative, huge or non-numbers read as unset', async () => {
    await setSetting('idleUnloadMinutes', 30);
    expect(await getSetting('idleUnloadMinutes')).toBe(30);
    await setSetting('idleUnloadMinutes', 0);
    expect(await getSetting('idleUnloadMinutes')).toBe(0);
    await setSetting('idleUnloadMinutes', 0.25);
    expect(await getSetting('idleUnloadMinutes')).toBe(0.25);
    for (const bad of [-5, Number.NaN, 10 * 24 * 60, '10', null]) {
      await getDatabase().settings.put({ key: 'idleUnloadMinutes', value: bad });
      expect(await getSetting('idleUnloadMinutes'), String(bad)).toBeUndefined();
    }
    await expect(setSetting('idleUnloadMinutes', -1)).rejects.toThrow(SettingValueError);
  });
});
