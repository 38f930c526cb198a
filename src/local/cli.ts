/**
 * `npm run local -- <command>`: the entry point. The command line itself is `runCli` in
 * commands.ts (so tests can run it in-process); this prints to the terminal and exits with its code.
 */
import { runCli } from "./commands";

void runCli(process.argv.slice(2), { out: (line) => console.log(line), err: (line) => console.error(line) }).then((code) => process.exit(code));
