/**
 * "Export rated answers": the sidebar's button needs the rated exchanges of every
 * conversation as one JSONL file on disk. The pairing and the format are core/chat's; this
 * only reads the messages, names the file and hands it to the browser as a download.
 */
import { ratedExchanges, toJsonl } from '../../core/chat/ratings-export';
import { allMessages } from '../../storage';
import { downloadBlob } from '../download';

/** JSON Lines has no registered type; this is the one fine-tuning tools expect. */
export const RATINGS_MIME_TYPE = 'application/jsonl';

/** `omnia-ratings-YYYY-MM-DD.jsonl`, in the local calendar (the day the person sees). */
export function ratingsFileName(now: Date = new Date()): string {
  const pad = (n: number): string => String(n).padStart(2, '0');
  return `omnia-ratings-${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}.jsonl`;
}

/**
 * Downloads every rated answer as JSONL and returns how many rows the file has. With no
 * rated answer nothing is downloaded (an empty file helps no one) and 0 is returned.
 */
export async function exportRatings(): Promise<number> {
  const rows = ratedExchanges(await allMessages());
  if (rows.length === 0) return 0;
  const blob = new Blob([toJsonl(rows)], { type: RATINGS_MIME_TYPE });
  downloadBlob(blob, ratingsFileName());
  return rows.length;
}
