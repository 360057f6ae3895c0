// Lint: only the checks the compiler cannot make. Most important: a promise that is neither
// awaited nor handled (an un-awaited assertion makes a test pass without testing), or handled only
// after another await (`regulars/no-late-await`: it may reject unhandled meanwhile), and the
// boundaries of the functions' code:
// - a feature folder (cards, chains, customers, exports, imports, mail, preferences, signup) imports no other feature:
//   what they share lives in model/ (pure, shared with web/), common/ and the store layer (store/);
// - model/ imports nothing but model/ and zod (the web client bundles it);
// - Firestore paths are built in one place (model/paths.ts through store/refs.ts): no collection
//   name literal elsewhere in the functions;
// - a customer and what derives from it (search row, lookup keys, history, consent log) is written
//   only by the write path, store/customers/: the rule `regulars/write-path-only` reports any
//   set/update/create/delete whose target is typed as one of those documents (store/refs.ts types
//   them), wherever the reference comes from (a ref builder, a snapshot's `.ref`, a variable).
import tseslint from 'typescript-eslint';

const FEATURES = ['cards', 'chains', 'customers', 'exports', 'imports', 'mail', 'preferences', 'signup', 'wallet'];
const WRITE_METHODS = new Set(['set', 'update', 'create', 'delete', 'recursiveDelete']);
/** Document types of store/refs.ts that only the write path may write. */
const GUARDED = /\b(?:DocumentReference|CollectionReference)<(CustomerDoc|IndexDoc|KeyDoc|HistoryEntry|ConsentEntry|VisitDoc|StatsDoc)\b/;

const writePathOnly = {
  meta: {
    type: 'problem',
    docs: { description: 'Customer data is written only by functions/src/store/customers/ (the write path).' },
    messages: { write: '{{type}} is customer data: write it through the write path (functions/src/store/customers/), not here.' },
    schema: [],
  },
  create(context) {
    const services = context.sourceCode.parserServices;
    const checker = services.program.getTypeChecker();
    const guarded = (node) => GUARDED.exec(checker.typeToString(services.getTypeAtLocation(node)))?.[1];
    return {
      CallExpression(node) {
        const callee = node.callee;
        if (callee.type !== 'MemberExpression' || callee.property.type !== 'Identifier' || !WRITE_METHODS.has(callee.property.name)) return;
        for (const target of [callee.object, node.arguments[0]]) {
          const type = target && guarded(target);
          if (type) return context.report({ node, messageId: 'write', data: { type } });
        }
      },
    };
  },
};

/**
 * A promise kept in a variable and awaited (or handled) only after another `await` of the same
 * function: if it rejects meanwhile, nothing handles the rejection, and Node ends the process (a
 * function instance dies, failing the requests it serves). Reported: `const p = work();` followed by
 * an `await` (or a `for await` step) before the first use of `p`. Start it where it is awaited, or
 * attach a handler at once (store/customers/search.ts: `startedNow`).
 */
const noLateAwait = {
  meta: {
    type: 'problem',
    docs: { description: 'A promise started, then awaited only after another await, may reject unhandled.' },
    messages: {
      late: '`{{name}}` is a promise started here but first used after another await: a rejection in between is unhandled and ends the instance. Attach a handler at once or start it later.',
    },
    schema: [],
  },
  create(context) {
    const services = context.sourceCode.parserServices;
    const checker = services.program.getTypeChecker();
    const isPromise = (type) => (type.isUnion() ? type.types.some(isPromise) : ['Promise', 'PromiseLike'].includes(type.getSymbol()?.getName()));
    const functionOf = (node) => {
      let n = node.parent;
      while (n && !['FunctionDeclaration', 'FunctionExpression', 'ArrowFunctionExpression', 'Program'].includes(n.type)) n = n.parent;
      return n;
    };
    /** `p.catch(h)` and `p.then(f, h)` handle a rejection where they are made. */
    const handledAtOnce = (init) =>
      init.type === 'CallExpression' &&
      init.callee.type === 'MemberExpression' &&
      init.callee.property.type === 'Identifier' &&
      (init.callee.property.name === 'catch' || (init.callee.property.name === 'then' && init.arguments.length >= 2));
    const candidates = [];
    /** Where each await suspends the function: after its operand, or at the head of a `for await`. */
    const suspensions = [];
    return {
      VariableDeclarator(node) {
        if (node.id.type !== 'Identifier' || !node.init || handledAtOnce(node.init)) return;
        if (isPromise(services.getTypeAtLocation(node.init))) candidates.push(node);
      },
      AwaitExpression(node) {
        suspensions.push({ fn: functionOf(node), at: node.range[1] });
      },
      'ForOfStatement[await=true]'(node) {
        suspensions.push({ fn: functionOf(node), at: node.right.range[1] });
      },
      'Program:exit'() {
        for (const decl of candidates) {
          const fn = functionOf(decl);
          const [variable] = context.sourceCode.getDeclaredVariables(decl);
          const uses = variable.references.map((r) => r.identifier.range[0]).filter((at) => at >= decl.range[1]);
          const firstUse = uses.length ? Math.min(...uses) : fn.range[1];
          if (suspensions.some((s) => s.fn === fn && s.at > decl.range[1] && s.at <= firstUse)) {
            context.report({ node: decl, messageId: 'late', data: { name: decl.id.name } });
          }
        }
      },
    };
  },
};

/** The functions' folders and files beside model/, as reached from model/ and from a folder of it. */
const OUTSIDE_MODEL = ['common', 'store', 'logs', 'params', 'index', 'queryShapes', ...FEATURES].flatMap((f) => [
  `../${f}`,
  `../${f}/*`,
  `../../${f}`,
  `../../${f}/*`,
]);

const otherFeatures = (feature) => FEATURES.filter((f) => f !== feature).map((f) => `../${f}/*`);

export default tseslint.config(
  { ignores: ['**/node_modules/**', 'functions/lib/**', 'web/dist/**', 'web/sourcemaps/**', '.emulators/**', 'test-results/**'] },
  {
    files: ['functions/src/**/*.ts', 'web/src/**/*.{ts,tsx}', 'test/**/*.ts', 'bench/**/*.ts'],
    languageOptions: {
      parser: tseslint.parser,
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    plugins: { '@typescript-eslint': tseslint.plugin, regulars: { rules: { 'write-path-only': writePathOnly, 'no-late-await': noLateAwait } } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: false }],
      '@typescript-eslint/await-thenable': 'error',
      'no-constant-binary-expression': 'error',
      'regulars/no-late-await': 'error',
    },
  },
  ...FEATURES.map((feature) => ({
    files: [`functions/src/${feature}/**/*.ts`],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [{ group: otherFeatures(feature), message: 'A feature never imports another feature: move what they share to model/, common/ or store/.' }],
        },
      ],
    },
  })),
  {
    files: ['functions/src/model/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: [...OUTSIDE_MODEL, 'firebase-admin', 'firebase-admin/*', 'firebase-functions', 'firebase-functions/*'],
              message: 'model/ is pure and shared with the web client: it imports only model/ and zod.',
            },
          ],
        },
      ],
    },
  },
  {
    // The web client's data access lives in web/src/data/ (hooks and named reads): pages and
    // components never build queries or listeners themselves. Shared schemas come as `@model/...`.
    files: ['web/src/**/*.{ts,tsx}'],
    ignores: ['web/src/data/**', 'web/src/firebase.ts', 'web/src/firestore.ts', 'web/src/queryShapes.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'firebase/firestore', message: 'Read Firestore through the hooks of web/src/data/, not from a page.' }],
          patterns: [{ group: ['**/functions/src/model/*'], message: 'Import the shared model as `@model/...`.' }],
        },
      ],
    },
  },
  {
    files: ['functions/src/**/*.ts'],
    ignores: ['functions/src/store/customers/**'],
    rules: { 'regulars/write-path-only': 'error' },
  },
  {
    files: ['functions/src/**/*.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: 'CallExpression[callee.property.name=/^(collection|collectionGroup)$/] > :matches(Literal, TemplateLiteral).arguments:first-child',
          message: 'Firestore paths are defined once, in model/paths.ts (use the refs of store/refs.ts).',
        },
      ],
    },
  },
);
