// Prompt Studio's repositories on a real IndexedDB (fake-indexeddb): versions are append-only
// (a taken number is refused), a deleted template takes its versions, runs and outputs with it,
// and export → delete all → import brings templates and outputs back.
import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it } from 'vitest';
import {
  addPromptOutput,
  addPromptVersion,
  createPromptTemplate,
  deleteAllData,
  deletePromptRun,
  deletePromptTemplate,
  exportAllData,
  importAllData,
  listPromptOutputs,
  listPromptRuns,
  listPromptTemplates,
  putJob,
  putPromptRun,
  StorageWriteError,
  updatePromptTemplate,
  type PromptVersionRow,
} from '../../../src/storage';
import { sampleRows } from './sample-rows';

const template = sampleRows().promptTemplates[0]!;
const [v1, v2] = sampleRows().promptVersions as [PromptVersionRow, PromptVersionRow];
const run = sampleRows().promptRuns[0]!;
const output = sampleRows().promptOutputs[0]!;

beforeEach(async () => {
  await deleteAllData();
});

describe('prompt templates and versions', () => {
  it('lists templates with their versions, oldest first', async () => {
    await createPromptTemplate(template, [v2, v1]);
    const [item] = await listPromptTemplates();
    expect(item?.template).toEqual(template);
    expect(item?.versions.map((v) => v.number)).toEqual([1, 2]);
  });

  it('adds the next version and marks it in use, but refuses a number already taken', async () => {
    await createPromptTemplate(template, [v1]);
    await addPromptVersion(v2, { inUseVersionId: v2.id });
    const [item] = await listPromptTemplates();
    expect(item?.template.inUseVersionId).toBe(v2.id);
    expect(item?.template.updatedAt).toBe(v2.createdAt);
    await expect(addPromptVersion({ ...v2, id: 'other', body: 'changed' })).rejects.toBeInstanceOf(
      StorageWriteError,
    );
    const [again] = await listPromptTemplates();
    expect(again?.versions.find((v) => v.number === 2)?.body).toBe(v2.body);
  });

  it('renames a template', async () => {
    await createPromptTemplate(template, [v1]);
    await updatePromptTemplate(template.id, { name: 'Outro' });
    expect((await listPromptTemplates())[0]?.template.name).toBe('Outro');
  });

  it('deletes a template with its versions, runs and outputs', async () => {
    await createPromptTemplate(template, [v1, v2]);
    await putPromptRun(run);
    await addPromptOutput(output);
    await deletePromptTemplate(template.id);
    expect(await listPromptTemplates()).toEqual([]);
    expect(await listPromptRuns(template.id)).toEqual([]);
    expect(await listPromptOutputs(run.id)).toEqual([]);
  });
});

describe('test runs and outputs', () => {
  it('keeps outputs per run and deletes a run with its outputs and job', async () => {
    await createPromptTemplate(template, [v1, v2]);
    await putPromptRun(run);
    await putJob({
      id: run.id,
      kind: 'prompt-test-run',
      status: 'done',
      progress: 1,
      createdAt: 1,
      updatedAt: 1,
    });
    await addPromptOutput(output);
    await addPromptOutput({ ...output, id: 'po2', attempt: 2, createdAt: output.createdAt + 1 });
    expect((await listPromptOutputs(run.id)).map((o) => o.id)).toEqual(['po1', 'po2']);
    await deletePromptRun(run.id);
    expect(await listPromptOutputs(run.id)).toEqual([]);
    expect(await listPromptRuns(template.id)).toEqual([]);
  });

  it('travels through export, delete all and import', async () => {
    await createPromptTemplate(template, [v1, v2]);
    await putPromptRun(run);
    await addPromptOutput(output);
    const file = await exportAllData();
    await deleteAllData();
    expect(await listPromptTemplates()).toEqual([]);
    const summary = await importAllData(file);
    expect(summary.tables.promptVersions).toBe(2);
    expect(summary.tables.promptOutputs).toBe(1);
    expect((await listPromptTemplates())[0]?.versions).toEqual([v1, v2]);
    expect(await listPromptOutputs(run.id)).toEqual([output]);
  });
});
