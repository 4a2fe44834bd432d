// What retrieval returns and what answers cite (DESIGN.md "Retrieve"). Plain data.

/** A question to the Library: which documents it may use, and how many passages come back. */
export interface RetrievalQuery {
  text: string;
  /** How many passages to return (default 8). */
  limit?: number;
  /** Only documents in these collections; undefined = the whole library; [] = nothing. */
  collectionIds?: readonly string[];
  /** Only these documents (research sessions); combined with collectionIds by AND. */
  documentIds?: readonly string[];
  /** Inclusive epoch-ms bounds on the document's date added, or its own date. */
  dateRange?: { field: 'addedAt' | 'documentDate'; from?: number; to?: number };
}

/** One retrieved chunk with everything a citation needs. */
export interface Passage {
  chunkId: string;
  documentId: string;
  documentName: string;
  text: string;
  page?: number;
  sheet?: string;
  rows?: [number, number];
  section?: string;
  /** Seconds from the start of the audio or video, start and end (transcripts, video). */
  time?: [number, number];
  /** Reciprocal-rank-fusion score (higher is better). */
  score: number;
  /** 1-based rank in each list that found it; absent when that list did not. */
  keywordRank?: number;
  vectorRank?: number;
}

/** A passage numbered for citing: [index] in the answer text. */
export interface CitedPassage extends Passage {
  index: number;
}

/** The answer the Library gives with no LLM: the best passages, ranked, each cited. */
export interface ExtractiveAnswer {
  query: string;
  /** Short sentences taken from the passages, each ending in its citation marker, e.g. "… [1]". */
  highlights: { text: string; citation: number }[];
  passages: CitedPassage[];
}
