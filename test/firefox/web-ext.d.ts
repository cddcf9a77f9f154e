// The part of web-ext's programmatic API that the tests use, because web-ext ships no types.
declare module 'web-ext' {
  interface LinterMessage {
    code: string;
    message: string;
    description: string;
    file?: string;
    line?: number;
  }

  interface LintResult {
    summary: { errors: number; notices: number; warnings: number };
    errors: LinterMessage[];
    notices: LinterMessage[];
    warnings: LinterMessage[];
  }

  const webExt: {
    cmd: {
      lint(
        options: { sourceDir: string; output?: 'json' | 'text' | 'none' },
        runOptions: { shouldExitProgram: false },
      ): Promise<LintResult>;
    };
  };
  export default webExt;
}
