import iconv from 'iconv-lite';
import type { FileEncoding } from './readFilesDataset';

/**
 * A file's bytes as text, through its declared encoding (iconv-lite: GBK and GB 18030 are
 * what government systems export). A leading byte-order mark is dropped. Bytes that are not
 * valid in the encoding become U+FFFD; the row holding one is quarantined, so a file
 * declared UTF-8 but written in GBK is refused rather than loaded garbled.
 */
export function decodeFile(bytes: Buffer, encoding: FileEncoding): string {
  return iconv.decode(bytes, encoding);
}

/** The mark `decodeFile` leaves where bytes were not valid in the declared encoding. */
export const UNDECODABLE = '\uFFFD';
