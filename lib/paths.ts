// Where the project lives on disk, whether running from source (tsx) or from dist/.
import fs from 'node:fs';
import path from 'node:path';

function findRoot(start: string): string {
  for (let dir = start; ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, 'package.json')) && fs.existsSync(path.join(dir, 'bin', 'jansetu')))
      return dir;
    if (path.dirname(dir) === dir) throw new Error(`cannot find the Jan Setu project root above ${start}`);
  }
}

export const projectRoot = findRoot(__dirname);
export const distDir = path.join(projectRoot, 'dist');
export const toolsBinDir = path.join(projectRoot, '.tools', 'bin');
export const templatesDir = path.join(projectRoot, 'templates');
/** The prebuilt workflow bundle the worker loads in production (built by `npm run build`). */
export const workflowBundlePath = path.join(distDir, 'workflow-bundle.js');

/** A binary installed by scripts/setup.sh; a clear error if setup has not run. */
export function installedTool(name: 'temporal' | 'temporal-test-server'): string {
  const file = path.join(toolsBinDir, name);
  if (!fs.existsSync(file)) throw new Error(`${file} is missing: run "bin/jansetu setup" first`);
  return file;
}
