// The callable contract (functions/src/model/callables.ts) is the one list of callables: each entry's
// name is its key, index.ts wires every callable through it, and the web client calls only its names.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CALLABLES } from '../../functions/src/model/callables';

const root = join(import.meta.dirname, '..', '..');
const index = readFileSync(join(root, 'functions/src/index.ts'), 'utf8');

function sources(dir: string): string[] {
  return readdirSync(join(root, dir), { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sources(join(dir, e.name)) : /\.tsx?$/.test(e.name) ? [join(dir, e.name)] : [],
  );
}

describe('callable contract', () => {
  it('names each callable by its key', () => {
    for (const [key, def] of Object.entries(CALLABLES)) expect(def.name).toBe(key);
  });

  it('wires every onCall export of index.ts through the contract, under the same name', () => {
    const all = [...index.matchAll(/export const (\w+) = onCall\(/g)].map((m) => m[1]!);
    // The public pages' callables (self sign-up, preferences: no member, App Check enforced) have their
    // own wrapper and schemas; every other callable goes through the contract.
    const isPublic = (name: string) =>
      new RegExp(
        `export const ${name} = onCall\\((?:PUBLIC(?:_WALLET)?|\\{ enforceAppCheck: true \\}), \\(req\\) =>\\s*runPublicCallable\\('${name}', req,`,
      ).test(index);
    const exported = all.filter((name) => !isPublic(name));
    expect(all.filter(isPublic).sort()).toEqual(['confirmSignUp', 'getPreferences', 'savePreferences', 'signUp', 'signUpInfo']);
    expect(exported.sort()).toEqual(Object.keys(CALLABLES).sort());
    for (const name of exported) {
      const wiring = new RegExp(`export const ${name} = onCall\\([\\s\\S]*?run(?:User)?Contract\\(\\s*CALLABLES\\.${name},\\s*req,`);
      expect(wiring.test(index), `${name} is wired through CALLABLES.${name}`).toBe(true);
    }
  });

  it('the web client calls callables only through the typed call() of api.ts', () => {
    // (The public pages, a bundle of their own, call the public callables through public/firebase.ts.)
    const offenders = sources('web/src').filter(
      (f) => !f.endsWith('api.ts') && f !== join('web/src', 'public', 'firebase.ts') && /httpsCallable/.test(readFileSync(join(root, f), 'utf8')),
    );
    expect(offenders).toEqual([]);
  });
});

describe('export dialog groups', () => {
  it('hold every exportable field exactly once, names first', async () => {
    const { EXPORT_DIALOG_ORDER, EXPORT_FIELDS } = await import('../../functions/src/model/export');
    expect([...EXPORT_DIALOG_ORDER].sort()).toEqual([...EXPORT_FIELDS].sort());
    expect(EXPORT_DIALOG_ORDER.slice(0, 2)).toEqual(['firstName', 'lastName']);
  });
});
