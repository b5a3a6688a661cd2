/**
 * Whether, and with which V8 flags, the `herodotus` executable (bin.ts) runs its command line in a child Node process.
 *
 * With a single CPU to run on (a one-CPU container or VM, `taskset -c 0`), V8's background compiler threads can only
 * run when they preempt the main thread. Meanwhile the main thread goes on running the pipeline unoptimised, and the
 * functions it waits for sit in the compiler's queue. `--no-concurrent-recompilation` compiles each hot function on
 * the main thread as soon as it is hot. A 1,200-article `code` run pinned to one CPU then took 12–16 % less time
 * (BENCHMARKS.md, session 16). A running process cannot turn concurrent compilation off (`v8.setFlagsFromString`
 * comes too late for it), hence the child process. With two or more CPUs the background threads have a CPU of their
 * own, so nothing changes there.
 *
 * Only the commands that code a batch of documents and end are relaunched: code, ingest, recode and annotate. The
 * long-running ones (serve, watch, worker) handle their own signals and are not. HERODOTUS_NO_RELAUNCH=1 turns the
 * relaunch off.
 */
import { spawn } from 'node:child_process';

/** Flags for a process that has one CPU. */
export const ONE_CPU_FLAGS = ['--no-concurrent-recompilation'] as const;

/** Commands that code a batch of documents and end. */
const BATCH_COMMANDS = new Set(['code', 'ingest', 'recode', 'annotate']);

/**
 * The Node flags to relaunch with, or null to run here. `args` are the command-line arguments after the script:
 * the command is the first that is not an option (the only global option, -q/--quiet, takes no value).
 */
export function relaunchFlags(args: readonly string[], cpus: number, execArgv: readonly string[], env: NodeJS.ProcessEnv): string[] | null {
  if (cpus !== 1 || env.HERODOTUS_NO_RELAUNCH === '1') return null;
  const command = args.find((a) => !a.startsWith('-'));
  if (command === undefined || !BATCH_COMMANDS.has(command)) return null;
  const missing = ONE_CPU_FLAGS.filter((f) => !execArgv.includes(f));
  return missing.length > 0 ? missing : null;
}

/**
 * Runs `script` in a child Node process with this process's Node options plus `flags`, its arguments, environment
 * (with HERODOTUS_NO_RELAUNCH=1) and standard streams. A signal sent to this process is passed on to the child, and
 * the child's exit code or signal becomes this process's.
 */
export function relaunch(script: string, flags: readonly string[]): void {
  const child = spawn(process.execPath, [...process.execArgv, ...flags, script, ...process.argv.slice(2)], {
    stdio: 'inherit',
    env: { ...process.env, HERODOTUS_NO_RELAUNCH: '1' },
  });
  const signals: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];
  const forward = (signal: NodeJS.Signals): void => {
    child.kill(signal);
  };
  for (const s of signals) process.on(s, forward);
  child.on('error', (error) => {
    process.stderr.write(`herodotus: could not start Node.js again for one CPU (${error.message}); set HERODOTUS_NO_RELAUNCH=1 to run without it\n`);
    process.exit(1);
  });
  child.on('exit', (code, signal) => {
    for (const s of signals) process.off(s, forward);
    if (signal !== null) process.kill(process.pid, signal);
    else process.exit(code ?? 1);
  });
}
