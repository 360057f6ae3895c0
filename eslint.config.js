// Lint: only the checks the compiler cannot make. Most important: a promise that is neither
// awaited nor handled (an un-awaited assertion makes a test pass without testing), and the
// boundaries of the functions' code:
// - a feature folder (cards, chains, customers, exports, imports, mail) imports no other feature:
//   what they share lives in model/ (pure, shared with web/), common/ and the store layer (store/);
// - model/ imports nothing but model/ and zod (the web client bundles it);
// - Firestore paths are built in one place (model/paths.ts through store/refs.ts): no collection
//   name literal elsewhere in the functions;
// - a customer and what derives from it (search row, lookup keys, history, consent log) is written
//   only by the write path, store/customers/: the rule `regulars/write-path-only` reports any
//   set/update/create/delete whose target is typed as one of those documents (store/refs.ts types
//   them), wherever the reference comes from (a ref builder, a snapshot's `.ref`, a variable).
import tseslint from 'typescript-eslint';

const FEATURES = ['cards', 'chains', 'customers', 'exports', 'imports', 'mail'];
const WRITE_METHODS = new Set(['set', 'update', 'create', 'delete', 'recursiveDelete']);
/** Document types of store/refs.ts that only the write path may write. */
const GUARDED = /\b(?:DocumentReference|CollectionReference)<(CustomerDoc|IndexDoc|KeyDoc|HistoryEntry|ConsentEntry)\b/;

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

/** The functions' folders and files beside model/, as reached from model/ and from a folder of it. */
const OUTSIDE_MODEL = ['common', 'store', 'logs', 'params', 'index', 'queryShapes', ...FEATURES].flatMap((f) => [
  `../${f}`,
  `../${f}/*`,
  `../../${f}`,
  `../../${f}/*`,
]);

const otherFeatures = (feature) => FEATURES.filter((f) => f !== feature).map((f) => `../${f}/*`);

export default tseslint.config(
  { ignores: ['**/node_modules/**', 'functions/lib/**', 'web/dist/**', '.emulators/**', 'test-results/**'] },
  {
    files: ['functions/src/**/*.ts', 'web/src/**/*.{ts,tsx}', 'test/**/*.ts', 'bench/**/*.ts'],
    languageOptions: {
      parser: tseslint.parser,
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    plugins: { '@typescript-eslint': tseslint.plugin, regulars: { rules: { 'write-path-only': writePathOnly } } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: false }],
      '@typescript-eslint/await-thenable': 'error',
      'no-constant-binary-expression': 'error',
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
