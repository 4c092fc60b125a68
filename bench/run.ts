/**
 * `npm run bench` runs every benchmark of issue 8 and prints each table and summary line;
 * `npm run bench -- relay open` runs the named ones. Names: relay, open, binding, storage, bundle.
 * Options: `--quick` (short runs, for a first look), `--cpu-prof` (profile the server in relay).
 */
import { runBindingBench } from './binding/bindingBench'
import { runBundleBench } from './bundle/bundleBench'
import { runOpenBench } from './open/openBench'
import { runRelayBench } from './relay/relayBench'
import { runStorageBench } from './storage/storageBench'
import { runRelayScaleoutBench } from './relay-scaleout'
import type { BenchResult } from './lib/table'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describeMachine } from './lib/machine'

/** Where `--cpu-prof` puts the server processes' profiles. */
const PROFILE_DIR = join(tmpdir(), 'civic-canvas-bench-profiles')

type Runner = (quick: boolean, args: readonly string[]) => Promise<BenchResult>

const BENCHES: Record<string, Runner> = {
  // Issue 6: one vs two instances on PostgreSQL + Redis (skipped when they are not running).
  'relay-scaleout': (quick) => runRelayScaleoutBench(quick ? { durationMs: 3000, warmupMs: 1000, drainMs: 1000 } : { repetitions: 3 }),
  relay: (quick, args) =>
    runRelayBench({
      ...(quick ? { durationMs: 3000, warmupMs: 1000, drainMs: 1000 } : { repetitions: 3 }),
      ...(args.includes('--cpu-prof') ? { serverNodeFlags: ['--cpu-prof', `--cpu-prof-dir=${PROFILE_DIR}`] } : {}),
    }),
  open: (quick) => runOpenBench(quick ? { sizes: [200] } : { repetitions: 3 }),
  binding: (quick) => runBindingBench(quick ? { repetitions: 3 } : {}),
  storage: (quick) => runStorageBench(quick ? { updates: 10_000 } : {}),
  bundle: () => runBundleBench(),
}

async function main(): Promise<void> {
  const args = process.argv.slice(2)
  const names = args.filter((a) => !a.startsWith('--'))
  const unknown = names.filter((n) => !(n in BENCHES))
  if (unknown.length > 0) {
    console.error(`Unknown benchmark(s): ${unknown.join(', ')}. Choose from: ${Object.keys(BENCHES).join(', ')}.`)
    process.exit(2)
  }
  const quick = args.includes('--quick')
  console.log(describeMachine())
  const summaries: string[] = []
  for (const name of names.length > 0 ? names : Object.keys(BENCHES)) {
    console.log(`\n## ${name}\n`)
    try {
      const result = await BENCHES[name]!(quick, args)
      console.log(result.table)
      console.log(`\n${result.summary}`)
      summaries.push(result.summary)
    } catch (error) {
      // One broken benchmark must not hide the others' numbers.
      console.error(error)
      summaries.push(`${name}: ERROR — ${(error as Error).message.split('\n')[0]}`)
    }
  }
  console.log(`\n## summary\n\n${summaries.join('\n')}`)
  if (args.includes('--cpu-prof')) console.log(`\nServer CPU profiles: ${PROFILE_DIR}`)
  // tldraw's modules keep timers alive in Node; the benches are done.
  process.exit(0)
}

main().catch((error: unknown) => {
  console.error(error)
  process.exit(1)
})
