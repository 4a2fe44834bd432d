/**
 * What a model source hands the model server: an open, verified file. The descriptor is
 * opened before the file is hashed or checked, so the bytes served are the bytes verified
 * even if the path is replaced meanwhile.
 */
import { type FileHandle } from 'node:fs/promises';

/** Where a served file came from, for the request log. */
export type ModelSourceKind = 'folder' | 'cache' | 'upstream';

export interface OpenModelFile {
  /** Open for reading; whoever receives it must close it. */
  handle: FileHandle;
  size: number;
  mtimeMs: number;
  /** Lower-case hex SHA-256 of the whole file, checked against the bytes behind `handle`. */
  sha256: string;
  source: ModelSourceKind;
}
