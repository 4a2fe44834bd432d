// Collections: named groups of documents that a conversation can choose to ask. Names are
// what people pick collections by, so they are trimmed and unique regardless of case; a
// deleted collection disappears from every document and conversation that referred to it.
import { liveQuery } from 'dexie';
import { getDatabase, type OmniaDatabase } from './db';
import { StorageWriteError, toStorageWriteError } from './errors';
import type { Collection } from './types';

export const MAX_COLLECTION_NAME_LENGTH = 80;

export type CollectionNameErrorKind = 'empty' | 'too-long' | 'duplicate';

/** A collection name that cannot be used; nothing was saved. The UI localises by `kind`. */
export class CollectionNameError extends Error {
  readonly kind: CollectionNameErrorKind;
  readonly collectionName: string;

  constructor(kind: CollectionNameErrorKind, name: string) {
    const messages: Record<CollectionNameErrorKind, string> = {
      empty: 'A collection needs a name. Type one and try again.',
      'too-long': `Collection names can be up to ${MAX_COLLECTION_NAME_LENGTH} characters. Choose a shorter name.`,
      duplicate: `There is already a collection called "${name}". Choose another name.`,
    };
    super(messages[kind]);
    this.name = 'CollectionNameError';
    this.kind = kind;
    this.collectionName = name;
  }
}

const sameName = (a: string, b: string): boolean =>
  a.localeCompare(b, undefined, { sensitivity: 'accent' }) === 0;

/** The trimmed name, checked against the other collections (all but `exceptId`). */
async function checkedName(
  raw: string,
  exceptId: string | undefined,
  db: OmniaDatabase,
): Promise<string> {
  const name = raw.trim();
  if (name === '') throw new CollectionNameError('empty', name);
  if (name.length > MAX_COLLECTION_NAME_LENGTH) throw new CollectionNameError('too-long', name);
  const clash = (await db.collections.toArray()).find(
    (c) => c.id !== exceptId && sameName(c.name, name),
  );
  if (clash) throw new CollectionNameError('duplicate', clash.name);
  return name;
}

/**
 * Creates a collection.
 * @throws CollectionNameError for an empty, too long or already used name.
 */
export async function createCollection(
  name: string,
  options: { id?: string; now?: number } = {},
  db: OmniaDatabase = getDatabase(),
): Promise<Collection> {
  try {
    return await db.transaction('rw', db.collections, async () => {
      const collection: Collection = {
        id: options.id ?? crypto.randomUUID(),
        name: await checkedName(name, undefined, db),
        createdAt: options.now ?? Date.now(),
      };
      await db.collections.add(collection);
      return collection;
    });
  } catch (error) {
    if (error instanceof CollectionNameError) throw error;
    throw toStorageWriteError(error, 'creating the collection');
  }
}

/** @throws CollectionNameError as createCollection; StorageWriteError 'not-found'. */
export async function renameCollection(
  id: string,
  name: string,
  db: OmniaDatabase = getDatabase(),
): Promise<void> {
  let updated: number;
  try {
    updated = await db.transaction('rw', db.collections, async () =>
      db.collections.update(id, { name: await checkedName(name, id, db) }),
    );
  } catch (error) {
    if (error instanceof CollectionNameError) throw error;
    throw toStorageWriteError(error, 'renaming the collection');
  }
  if (updated === 0) {
    throw new StorageWriteError(
      'not-found',
      'This collection no longer exists (it may have been deleted in another tab).',
    );
  }
}

/**
 * Deletes the collection and removes it from every document and conversation, in one
 * transaction. The documents themselves stay in the Library.
 */
export async function deleteCollection(
  id: string,
  db: OmniaDatabase = getDatabase(),
): Promise<void> {
  const without = (ids: string[]): string[] => ids.filter((x) => x !== id);
  try {
    await db.transaction('rw', [db.collections, db.documents, db.conversations], async () => {
      await db.documents
        .where('collectionIds')
        .equals(id)
        .modify((doc) => {
          doc.collectionIds = without(doc.collectionIds);
        });
      await db.conversations
        .filter((c) => c.collectionIds.includes(id))
        .modify((c) => {
          c.collectionIds = without(c.collectionIds);
        });
      await db.collections.delete(id);
    });
  } catch (error) {
    throw toStorageWriteError(error, 'deleting the collection');
  }
}

/** Every collection, by name as the person's language sorts it. */
export async function listCollections(db: OmniaDatabase = getDatabase()): Promise<Collection[]> {
  const all = await db.collections.toArray();
  return all.sort((a, b) => a.name.localeCompare(b.name, undefined, { sensitivity: 'base' }));
}

/** Every collection, by name, now and after every change in any tab. */
export function watchCollections(
  onChange: (collections: Collection[]) => void,
  db: OmniaDatabase = getDatabase(),
): () => void {
  const subscription = liveQuery(() => listCollections(db)).subscribe({
    next: onChange,
    error: (error: unknown) => console.warn('Omnia: could not read collections', error),
  });
  return () => subscription.unsubscribe();
}
