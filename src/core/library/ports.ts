// Why this file exists: the Library service drives two workers but must not start them (core
// never calls `new Worker`), so it names just the parts of their clients it uses. The app
// passes the real clients; the tests pass the real worker APIs called in-process. Both fit.
import type { IngestClient } from '../../workers/ingest-client';
import type { LibraryClient } from '../../workers/library-client';

/** The ingest worker client, as the service uses it. */
export type IngestPort = Pick<IngestClient, 'parse'>;

/** The library worker client (chunks, embeddings, both indexes), as the service uses it. */
export type LibraryPort = Pick<
  LibraryClient,
  'addDocument' | 'removeDocument' | 'search' | 'answer' | 'passageContext' | 'reindex' | 'status'
>;
