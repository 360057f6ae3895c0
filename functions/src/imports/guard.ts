// Every reason the import trigger leaves an uploaded object alone, in one place.
import { OUTPUT_MARK } from '../model/export';

export interface StorageObject {
  bucket: string;
  name: string;
  generation: string;
  size: number;
  contentType?: string | undefined;
  metadata?: Record<string, string> | undefined;
}

/** Metadata stamped on every object the functions write, so they never trigger an import. */
export { OUTPUT_MARK };

const CSV_TYPES =
  /^(text\/csv|text\/comma-separated-values|text\/plain|text\/tab-separated-values|application\/csv|application\/vnd\.ms-excel|application\/octet-stream)\b/i;

export type Guard = { handle: true; chainId: string; fileName: string } | { handle: false; reason: string };

export function guardImport(object: StorageObject): Guard {
  const parts = object.name.split('/');
  if (parts[0] !== 'imports') return { handle: false, reason: 'not under imports/' };
  if (object.metadata?.[OUTPUT_MARK]) return { handle: false, reason: 'written by regulars itself' };
  if (object.name.endsWith('/')) return { handle: false, reason: 'a folder placeholder' };
  if (parts.length < 3) return { handle: false, reason: 'not in a chain folder (imports/{chainId}/…)' };
  if (parts.some((p) => p === '..' || p === '.' || p === '')) return { handle: false, reason: 'unsafe path' };
  const chainId = parts[1]!;
  if (!/^[A-Za-z0-9_-]{1,128}$/.test(chainId)) return { handle: false, reason: 'not a chain id' };
  return { handle: true, chainId, fileName: parts.slice(2).join('/') };
}

/** Content types an import accepts (tools label CSV files in many ways); a missing one is accepted. */
export function acceptableContentType(contentType: string | undefined, name: string): boolean {
  if (!contentType) return true;
  return CSV_TYPES.test(contentType) || /\.(csv|txt|tsv)$/i.test(name);
}
