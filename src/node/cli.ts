/**
 * `npm run branches -- <command>`: the entry point. The command line itself is `runBranchesCli` in
 * commands.ts (so tests run it in-process); this prints to the terminal and exits with its code.
 */
import { runBranchesCli } from "./commands";

void runBranchesCli(process.argv.slice(2), { out: (line) => console.log(line), err: (line) => console.error(line) }).then((code) => process.exit(code));
