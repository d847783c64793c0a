/** One record of a CSV text: its fields, where it starts, its text as written, and what is wrong with it. */
export interface CsvRecord {
  /** The line the record starts on, from 1 (a quoted field may span lines). */
  line: number;
  fields: string[];
  raw: string;
  /** Set when the record cannot be read as written (an unterminated quote, text after a closing quote). */
  error?: string;
}

/**
 * Splits a CSV text into records (RFC 4180): fields separated by `delimiter`, a field in
 * double quotes may hold delimiters, line breaks and doubled quotes (`""`); lines end in CRLF,
 * LF or CR. A quote inside an unquoted field is kept as text, as legacy exports write it.
 * Blank lines are skipped. A record that breaks the rules is returned with `error` rather
 * than thrown, so one bad line costs one row, not the file; an unterminated quote, the mark
 * of a file cut short, runs to the end of the text and makes the last record.
 */
export function parseCsv(text: string, delimiter = ','): CsvRecord[] {
  const records: CsvRecord[] = [];
  const n = text.length;
  const endsField = (ch: string): boolean => ch === delimiter || ch === '\n' || ch === '\r';
  let i = 0;
  let line = 1;
  while (i < n) {
    const start = i;
    const startLine = line;
    const fields: string[] = [];
    let error: string | undefined;
    for (;;) {
      let field: string;
      if (text[i] === '"') {
        i++;
        const parts: string[] = [];
        let closed = false;
        while (i < n) {
          const quote = text.indexOf('"', i);
          const upTo = quote === -1 ? n : quote;
          const chunk = text.slice(i, upTo);
          line += countLineBreaks(chunk);
          parts.push(chunk);
          i = upTo;
          if (quote === -1) break;
          if (text[i + 1] === '"') {
            parts.push('"');
            i += 2;
            continue;
          }
          i++;
          closed = true;
          break;
        }
        field = parts.join('');
        if (!closed) error ??= `an unterminated quoted field runs from line ${startLine} to the end of the file (a file cut short?)`;
        else if (i < n && !endsField(text[i])) {
          error ??= 'text follows a closing quote';
          const from = i;
          while (i < n && !endsField(text[i])) i++;
          field += text.slice(from, i);
        }
      } else {
        const from = i;
        while (i < n && !endsField(text[i])) i++;
        field = text.slice(from, i);
      }
      fields.push(field);
      if (i < n && text[i] === delimiter) {
        i++;
        continue;
      }
      break;
    }
    const raw = text.slice(start, i);
    if (text[i] === '\r') i++;
    if (text[i - 1] === '\r' && text[i] === '\n') i++;
    else if (text[i] === '\n') i++;
    if (i > start + raw.length) line++;
    if (fields.length === 1 && !error && raw.trim() === '') continue;
    records.push({ line: startLine, fields, raw, ...(error && { error }) });
  }
  return records;
}

function countLineBreaks(text: string): number {
  let count = 0;
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '\n') count++;
    else if (text[i] === '\r' && text[i + 1] !== '\n') count++;
  }
  return count;
}
