/**
 * The embedprof step of a recipe job under .github/workflows/, read as the runner reads it: its `with:` map
 * becomes the step's inputs (each `${{ … }}` replaced from the values the test gives, an unknown one is an
 * error), and the job's earlier steps say whether `npm ci` ran before it (the workspace then has the service's
 * onnxruntime-node).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';

interface WorkflowStep {
  uses?: string;
  run?: string;
  with?: Record<string, unknown>;
}

export interface RecipeStep {
  inputs: Record<string, string>;
  npmCi: boolean;
}

function replaceExpressions(value: string, expressions: Record<string, string>, where: string): string {
  return value.replace(/\$\{\{\s*(.+?)\s*\}\}/g, (_, expression: string) => {
    const replaced = expressions[expression];
    if (replaced === undefined) throw new Error(`${where}: no test value for \${{ ${expression} }}`);
    return replaced;
  });
}

/** The step `uses: ./` of `job` in `.github/workflows/file` (the recipes' stand-in for owner/embedprof@v1). */
export function readRecipeStep(
  file: string,
  job: string,
  expressions: Record<string, string> = {},
): RecipeStep {
  const workflow = parse(readFileSync(join('.github/workflows', file), 'utf8')) as {
    jobs: Record<string, { steps: WorkflowStep[] }>;
  };
  const steps = workflow.jobs[job]?.steps ?? [];
  const index = steps.findIndex((step) => step.uses === './');
  const step = steps[index];
  if (step === undefined) throw new Error(`${file}: job ${job} has no embedprof step (uses: ./)`);
  const where = `${file} ${job}`;
  const inputs = Object.fromEntries(
    Object.entries(step.with ?? {}).map(([name, value]) => [
      name,
      replaceExpressions(String(value), expressions, where),
    ]),
  );
  const npmCi = steps.slice(0, index).some((earlier) => /\bnpm ci\b/.test(earlier.run ?? ''));
  return { inputs, npmCi };
}

/**
 * The step with the smoke preset's windows in place of its own preset (nightly and pr-sharded say full): these
 * jobs test the recipe's wiring, files and comment, and the smoke windows keep each job to seconds.
 */
export function useSmokePreset(step: RecipeStep): RecipeStep {
  return { ...step, inputs: { ...step.inputs, preset: 'smoke' } };
}
