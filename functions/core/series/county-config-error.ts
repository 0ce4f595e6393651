// The error a bad county file raises, naming the file and each problem. Apart from the schema, so
// that the Lambdas, which read county files the synth validated already, can raise it without
// bundling zod (see lib/constructs/meeting-function.ts).
export class CountyConfigError extends Error {
  constructor(
    readonly file: string,
    readonly problems: string[],
  ) {
    super(`${file}: invalid configuration\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'CountyConfigError';
  }
}
