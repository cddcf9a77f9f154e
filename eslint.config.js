import tseslint from 'typescript-eslint';

/** Keeps each context to its own folder and src/shared, as the browser keeps them apart at run time. */
const CONTEXTS = ['background', 'popup', 'options', 'content'];

function boundaryRules(context) {
  const others = CONTEXTS.filter((name) => name !== context);
  return {
    files: [`src/${context}/**/*.{ts,tsx}`],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: others.map((name) => ({
            group: [`**/${name}/*`, `**/${name}`],
            message: `src/${context} may import only its own folder and src/shared.`,
          })),
        },
      ],
    },
  };
}

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'bench/results.json'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      'no-console': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
  ...CONTEXTS.map(boundaryRules),
  {
    files: ['src/shared/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: CONTEXTS.map((name) => ({
            group: [`**/${name}/*`],
            message: 'src/shared may not import from a context folder.',
          })),
        },
      ],
    },
  },
  { files: ['src/shared/log.ts', 'test/**', '*.config.ts'], rules: { 'no-console': 'off' } },
);
