/**
 * Runs `runOne` for every load, `repetitions` times over every contender in turn (a b c,
 * a b c, …, so a slow spell of the machine hits them alike), and returns the runs of each
 * (load, contender) pair, in the order of `loads` then `contenders`.
 */
export async function runInterleaved<Load, Contender, Run>(
  loads: readonly Load[],
  contenders: readonly Contender[],
  repetitions: number,
  runOne: (contender: Contender, load: Load) => Promise<Run>,
): Promise<Array<{ load: Load; contender: Contender; runs: Run[] }>> {
  const groups = loads.flatMap((load) => contenders.map((contender) => ({ load, contender, runs: [] as Run[] })))
  for (const load of loads) {
    for (let repetition = 0; repetition < Math.max(1, repetitions); repetition++) {
      for (const contender of contenders) {
        const run = await runOne(contender, load)
        groups.find((g) => g.load === load && g.contender === contender)!.runs.push(run)
      }
    }
  }
  return groups
}

/** The line under a table of medians saying how they were made ('' for single runs); `each` names the contenders ('server', 'setup'). */
export function repeatedRunsNote(repetitions: number, each: string): string {
  return repetitions > 1
    ? `\n${repetitions} runs of each ${each} per load, interleaved; every figure is the median of its runs (delivered: the lowest).`
    : ''
}
