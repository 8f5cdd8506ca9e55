import fs from 'node:fs';
import zlib from 'node:zlib';
import { StringDecoder } from 'node:string_decoder';

/** Lines of a gzip'd UTF-8 text file, streamed; a missing file or corrupt gzip rejects the loop. */
export async function* gzipLines(file: string): AsyncGenerator<string> {
  const input = fs.createReadStream(file);
  const gunzip = zlib.createGunzip();
  input.on('error', (error) => gunzip.destroy(error));
  input.pipe(gunzip);
  const decoder = new StringDecoder('utf8'); // a character may straddle two chunks
  let rest = '';
  try {
    for await (const chunk of gunzip as AsyncIterable<Buffer>) {
      rest += decoder.write(chunk);
      let start = 0;
      let nl: number;
      while ((nl = rest.indexOf('\n', start)) >= 0) {
        yield rest.slice(start, nl);
        start = nl + 1;
      }
      rest = rest.slice(start);
    }
    rest += decoder.end();
    if (rest) yield rest;
  } finally {
    input.destroy();
    gunzip.destroy();
  }
}
