import { writeFileSync } from 'node:fs';

/** A command's document: to the file named by --out (saying so on standard error), or to standard output. */
export function writeOutput(body: string | Uint8Array, out: string | undefined): void {
  if (out) {
    writeFileSync(out, body);
    console.error(`Wrote ${out}`);
  } else process.stdout.write(body);
}
