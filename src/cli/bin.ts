#!/usr/bin/env node
/**
 * The `herodotus` executable (package.json "bin"): runs the command line of main.ts in this process or, on one CPU,
 * for the commands that code a batch of documents, in a child Node process with flags a running process can no
 * longer set (relaunch.ts). Imports nothing else first, so that a relaunch costs only a bare Node start-up.
 */
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { relaunch, relaunchFlags } from './relaunch.js';

const flags = relaunchFlags(process.argv.slice(2), availableParallelism(), process.execArgv, process.env);
if (flags !== null) relaunch(fileURLToPath(new URL('./main.js', import.meta.url)), flags);
else await import('./main.js');
