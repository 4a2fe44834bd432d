/**
 * What the person has stored, as counts per table, and the one place that brings the UI back
 * in line after the stored data was replaced (import) or erased (delete all).
 */
import { countRows, type TableName } from '../../storage';
import { i18n } from '../i18n/i18n.svelte';
import { theme } from './theme.svelte';
import { storageStatus } from './storage-status.svelte';

class DataSummary {
  #counts = $state.raw<Record<TableName, number> | null>(null);

  get counts(): Record<TableName, number> | null {
    return this.#counts;
  }

  get total(): number {
    return this.#counts ? Object.values(this.#counts).reduce((a, b) => a + b, 0) : 0;
  }

  async refresh(): Promise<void> {
    this.#counts = await countRows();
  }

  /** After an import: preferences come from the imported settings. */
  async afterReplace(): Promise<void> {
    await Promise.all([i18n.restore(), theme.restore(), this.refresh(), storageStatus.refresh()]);
  }

  /** After delete-all: nothing is remembered, so follow the browser again. */
  async afterErase(): Promise<void> {
    i18n.resetToBrowser();
    theme.resetToSystem();
    await Promise.all([this.refresh(), storageStatus.refresh()]);
  }
}

export const dataSummary = new DataSummary();
