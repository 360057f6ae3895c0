// Builds the offline Storage rules runtime from source with the JDK (nothing downloaded, no binary committed).
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const source = join(root, 'tools', 'storage-rules-permissive', 'PermitAll.java');

export function buildPermissiveStorageRuntime(outDir) {
  const hash = createHash('sha256').update(readFileSync(source)).digest('hex').slice(0, 12);
  const jarPath = join(outDir, `storage-rules-permit-all-${hash}.jar`);
  if (existsSync(jarPath)) return jarPath;
  const classes = join(outDir, 'permit-all-classes');
  rmSync(classes, { recursive: true, force: true });
  mkdirSync(classes, { recursive: true });
  execFileSync('javac', ['-d', classes, source], { stdio: 'pipe' });
  const manifest = join(outDir, 'permit-all.mf');
  writeFileSync(manifest, 'Main-Class: PermitAll\n');
  execFileSync('jar', ['--create', '--file', jarPath, '--manifest', manifest, '-C', classes, '.'], { stdio: 'pipe' });
  return jarPath;
}
