/**
 * The V8 memory flags (`--max-old-space-size=N`, `--max-semi-space-size=N`, ...) in a command
 * line: `npm start`'s are the api's, written once in package.json; the api benchmark starts the
 * api with them and test/process/memory-flags checks that the Dockerfile runs it with the same.
 */
export function memoryFlagsOf(commandLine: string): string[] {
  return commandLine.match(/--max-[a-z-]+=\d+/g) ?? [];
}
