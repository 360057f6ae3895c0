// The query shapes the code declares: the functions' from the built code (functions/lib, as
// deployed), the web client's from web/src/queryShapes.ts (data only, transpiled on the fly).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import ts from 'typescript';

const require = createRequire(import.meta.url);

/** @returns {Promise<Record<string, any[]>>} shapes by the file that runs them */
export async function declaredQueries(root) {
  const { FUNCTIONS_QUERIES } = require(join(root, 'functions', 'lib', 'queryShapes.js'));
  const source = readFileSync(join(root, 'web', 'src', 'queryShapes.ts'), 'utf8');
  const js = ts.transpileModule(source, {
    compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022, verbatimModuleSyntax: true },
  }).outputText;
  const { WEB_QUERIES } = await import(`data:text/javascript;base64,${Buffer.from(js).toString('base64')}`);
  return { ...FUNCTIONS_QUERIES, ...WEB_QUERIES };
}
