// Structured JSON logs for CloudWatch, one object per line, in the shape Powertools for AWS Lambda's
// Logger writes (its field names and order, its error shape, its POWERTOOLS_LOG_LEVEL), so log
// queries and the CDK's settings stay as they were.
//
// Hand-written rather than @aws-lambda-powertools/logger because of size (issue 13, lean Lambdas):
// Powertools' Logger with @aws-lambda-powertools/commons and @aws/lambda-invoke-store was about
// 22 KB minified in every function's bundle; this is about 2.5 KB. It is all we use of it: info and
// warn (and the other levels) with an attributes object, addContext with the Lambda context, the
// log level from the environment or setLogLevel. Deliberately left out, because no handler uses
// them: debug sampling (POWERTOOLS_LOGGER_SAMPLE_RATE), log buffering, correlation ids, child
// loggers, the middy middleware and decorators, custom formatters and key order, event logging
// (POWERTOOLS_LOGGER_LOG_EVENT), Advanced Logging Controls (AWS_LAMBDA_LOG_LEVEL), pretty printing
// (POWERTOOLS_DEV), timestamps in the TZ zone (Lambda runs in UTC; these are always ISO UTC), and
// concurrent invocations in one environment (AWS_LAMBDA_MAX_CONCURRENCY).
//
// test/unit/log/json-logger.test.ts holds it to Powertools' Logger as an oracle (a dev dependency).
// What goes into a log is the caller's business: ids, counts and reasons, never an address, a
// name or minutes text (test/integration/rsvp.test.ts and minutes-api.test.ts check the lines).

/** Powertools' level names and thresholds: a line is written when its level is at or above the logger's. */
const thresholds = { TRACE: 6, DEBUG: 8, INFO: 12, WARN: 16, ERROR: 20, CRITICAL: 24, SILENT: 28 } as const;
export type LogLevelName = keyof typeof thresholds;
type WritingLevel = Exclude<LogLevelName, 'SILENT'>;

/** Keys a caller's attributes cannot overwrite (Powertools drops them, with a warning we leave out). */
const reservedKeys = new Set(['level', 'message', 'sampling_rate', 'service', 'timestamp']);

/** What a log call takes after its message: attributes, an Error (logged as `error`) or a string (`extra`). */
export type LogExtra = Readonly<Record<string, unknown>> | Error | string | undefined | null;

/** The part of the Lambda context a log line names (aws-lambda's Context fits). */
export type LambdaContextFields = {
  functionName: string;
  memoryLimitInMB: string;
  invokedFunctionArn: string;
  awsRequestId: string;
};

export type JsonLoggerOptions = {
  /** Default: POWERTOOLS_SERVICE_NAME, then Powertools' "service_undefined". */
  serviceName?: string;
  /** Default: POWERTOOLS_LOG_LEVEL, then LOG_LEVEL, then INFO. */
  logLevel?: LogLevelName;
  /** Where settings are read (process.env in Lambda). */
  env?: Readonly<Record<string, string | undefined>>;
  /** Default: process.stdout for TRACE to INFO, process.stderr for WARN and above, as console.info/warn do. */
  write?: (level: WritingLevel, line: string) => void;
  now?: () => Date;
};

export class JsonLogger {
  readonly #service: string;
  readonly #env: Readonly<Record<string, string | undefined>>;
  readonly #write: (level: WritingLevel, line: string) => void;
  readonly #now: () => Date;
  #threshold: number;
  #context: Record<string, unknown> = {};
  #keys: Record<string, unknown> = {};
  /** Only an on-demand environment has a cold start to report; provisioned ones are warmed before use. */
  #coldStart: boolean;

  constructor(options: JsonLoggerOptions = {}) {
    this.#env = options.env ?? process.env;
    this.#service = options.serviceName || this.#env.POWERTOOLS_SERVICE_NAME || 'service_undefined';
    this.#write = options.write ?? writeToStream;
    this.#now = options.now ?? (() => new Date());
    this.#threshold = thresholds[options.logLevel ?? levelFromEnv(this.#env) ?? 'INFO'];
    this.#coldStart = this.#env.AWS_LAMBDA_INITIALIZATION_TYPE?.trim() === 'on-demand';
  }

  /** The current level's name. */
  get level(): LogLevelName {
    return (Object.keys(thresholds) as LogLevelName[]).find((name) => thresholds[name] === this.#threshold) ?? 'INFO';
  }

  setLogLevel(level: LogLevelName): void {
    const name = level.toUpperCase();
    if (!(name in thresholds)) throw new Error(`Invalid log level: ${level}`);
    this.#threshold = thresholds[name as LogLevelName];
  }

  /** Once per invocation: every later line names the function and the request; cold_start is true on the first only. */
  addContext(context: LambdaContextFields): void {
    this.#context = {
      cold_start: this.#coldStart,
      function_arn: context.invokedFunctionArn,
      function_memory_size: context.memoryLimitInMB,
      function_name: context.functionName,
      function_request_id: context.awsRequestId,
    };
    this.#coldStart = false;
  }

  /** Keys written on every later line, until removed. */
  appendKeys(attributes: Readonly<Record<string, unknown>>): void {
    for (const [key, value] of Object.entries(attributes)) if (!reservedKeys.has(key)) this.#keys[key] = value;
  }

  removeKeys(keys: readonly string[]): void {
    for (const key of keys) delete this.#keys[key];
  }

  trace(message: string, ...extras: LogExtra[]): void {
    this.#log('TRACE', message, extras);
  }
  debug(message: string, ...extras: LogExtra[]): void {
    this.#log('DEBUG', message, extras);
  }
  info(message: string, ...extras: LogExtra[]): void {
    this.#log('INFO', message, extras);
  }
  warn(message: string, ...extras: LogExtra[]): void {
    this.#log('WARN', message, extras);
  }
  error(message: string, ...extras: LogExtra[]): void {
    this.#log('ERROR', message, extras);
  }
  critical(message: string, ...extras: LogExtra[]): void {
    this.#log('CRITICAL', message, extras);
  }

  #log(level: WritingLevel, message: string, extras: readonly LogExtra[]): void {
    if (thresholds[level] < this.#threshold) return;
    const line: Record<string, unknown> = {
      level,
      message,
      timestamp: this.#now().toISOString(),
      service: this.#service,
      ...this.#context,
      // Powertools writes its debug sampling rate on every line; without sampling it is 0.
      sampling_rate: 0,
      xray_trace_id: xrayTraceId(this.#env._X_AMZN_TRACE_ID),
    };
    // Powertools skips an appended key whose value is undefined, so it holds no place in the line:
    // an attribute of that name given later comes after the other appended keys, not before them.
    for (const [key, value] of Object.entries(this.#keys)) if (value !== undefined) line[key] = value;
    for (const extra of extras) {
      if (extra === undefined || extra === null) continue;
      if (extra instanceof Error) line.error = extra;
      else if (typeof extra === 'string') line.extra = extra;
      else for (const [key, value] of Object.entries(extra)) if (!reservedKeys.has(key)) line[key] = value;
    }
    // Powertools leaves out top-level keys that say nothing: undefined, null or "".
    for (const [key, value] of Object.entries(line)) if (value === undefined || value === null || value === '') delete line[key];
    this.#write(level, JSON.stringify(line, jsonReplacer()));
  }
}

function levelFromEnv(env: Readonly<Record<string, string | undefined>>): LogLevelName | undefined {
  const value = (env.POWERTOOLS_LOG_LEVEL?.trim() || env.LOG_LEVEL?.trim() || '').toUpperCase();
  return value in thresholds ? (value as LogLevelName) : undefined;
}

/** `Root=1-5759e988-bd862e3fe1be46a994272793;Parent=…;Sampled=1` → the Root; a bare id is the id. */
function xrayTraceId(header: string | undefined): string | undefined {
  const value = header?.trim();
  if (!value) return undefined;
  if (!value.includes('=')) return value;
  for (const field of value.split(';')) {
    const [key, id] = field.split('=');
    if (key === 'Root') return id;
  }
  return undefined;
}

/** Errors as Powertools writes them (wherever they sit), bigints as strings, a circular reference left out. */
function jsonReplacer(): (this: unknown, key: string, value: unknown) => unknown {
  const ancestors: unknown[] = [];
  return function (this: unknown, _key: string, value: unknown): unknown {
    const replaced = value instanceof Error ? errorShape(value) : value;
    if (typeof replaced === 'bigint') return replaced.toString();
    if (typeof replaced === 'object' && replaced !== null) {
      // `this` is the object holding the key: drop the ancestors that are not on its path.
      while (ancestors.length > 0 && ancestors.at(-1) !== this) ancestors.pop();
      if (ancestors.includes(replaced)) return undefined;
      ancestors.push(replaced);
    }
    return replaced;
  };
}

function errorShape(error: Error): Record<string, unknown> {
  const { name, message, stack, cause } = error;
  const shape: Record<string, unknown> = {
    name,
    location: codeLocation(stack),
    message,
    stack,
    cause: cause instanceof Error ? errorShape(cause) : cause,
  };
  // An error's own fields (an AWS SDK error's $metadata, a code) travel with it.
  for (const key in error)
    if (!['name', 'message', 'stack', 'cause'].includes(key)) shape[key] = (error as unknown as Record<string, unknown>)[key];
  return shape;
}

/** The first "(file:line:column)" frame of a stack, as "file:line". */
function codeLocation(stack: string | undefined): string {
  for (const line of stack?.split('\n') ?? []) {
    const match = /\(([^()]*?):(\d+?):(\d+?)\)\\?$/.exec(line);
    if (match) return `${match[1]}:${Number(match[2])}`;
  }
  return '';
}

/** console.info and console.warn's streams, looked up on every line so a test can capture them. */
function writeToStream(level: WritingLevel, line: string): void {
  const stream = thresholds[level] >= thresholds.WARN ? process.stderr : process.stdout;
  try {
    stream.write(`${line}\n`);
  } catch {
    // A closed stream must not fail the invocation; console.* ignores it the same way.
  }
}
