/**
 * `ae-ddsp worker --queue redis://host:port/name`: processes the jobs `ae-ddsp batch --queue`
 * put on a BullMQ queue, with the same processor as the local pool, until stopped with
 * Ctrl-C or SIGTERM (it finishes its running jobs first).
 * @module
 */

import { basename } from 'node:path';
import { parseQueueAddress } from '../batch/queue-address';
import { DEFAULT_STALL_SECONDS } from '../batch/queue-settings';
import { workerName } from '../batch/worker-name';
import type { Command } from '../cli/command';
import { warn } from '../cli/io';
import { UsageError } from '../cli/usage-error';

/** The `worker` command. */
export const workerCommand: Command = {
  name: 'worker',
  summary: "process 'ae-ddsp batch --queue' jobs from a BullMQ queue on Redis",
  description: [
    "Takes the jobs 'ae-ddsp batch --queue URL' enqueued, one match per job in a child process",
    '(a BullMQ sandboxed processor, so a long job keeps its lock), and writes each job into the',
    "batch's output folder, which must be at the same path on this machine, as must the targets.",
    'A job whose worker dies is taken again by another after --stall-seconds; a job that throws',
    'is retried with exponential backoff (3 attempts). Runs until Ctrl-C or SIGTERM, finishing',
    'the running jobs first.',
  ].join('\n'),
  positionals: [],
  flags: {
    queue: {
      kind: 'string',
      placeholder: 'URL',
      description: 'the queue: redis://host:port/name (required)',
    },
    concurrency: {
      kind: 'integer',
      min: 1,
      max: 256,
      default: 1,
      placeholder: 'N',
      description: 'jobs at once, each in its own process (one per core is a good start)',
    },
    'stall-seconds': {
      kind: 'number',
      min: 1,
      max: 86400,
      default: DEFAULT_STALL_SECONDS,
      placeholder: 'S',
      description: "how long a dead worker's job stays claimed before another worker retries it",
    },
    quiet: { kind: 'boolean', short: 'q', description: 'errors only' },
    json: { kind: 'boolean', description: 'one JSON event per line on stdout' },
  },
  examples: [
    ['worker --queue redis://10.0.0.5:6379/lib', 'one job at a time'],
    ['worker --queue redis://10.0.0.5:6379/lib --concurrency 8', 'eight at once on an 8-core machine'],
  ],
  async run({ values, io }) {
    const typed = values['queue'] as string | undefined;
    if (typed === undefined) throw new UsageError('--queue URL is required', 'worker');
    let address: ReturnType<typeof parseQueueAddress>;
    try {
      address = parseQueueAddress(typed);
    } catch (error) {
      throw new UsageError((error as Error).message, 'worker');
    }
    const json = values['json'] === true;
    const text = !json && values['quiet'] !== true;
    const emit = (fields: Record<string, unknown>) => {
      if (json) io.stdout.write(`${JSON.stringify(fields)}\n`);
    };
    const say = (line: string) => {
      if (text) io.stderr.write(`worker: ${line}\n`);
    };
    let lastError = '';
    const { startQueueWorker } = await import('../batch/queue-worker'); // loads bullmq
    const worker = startQueueWorker({
      address,
      concurrency: values['concurrency'] as number,
      stallSeconds: values['stall-seconds'] as number,
      onStart: (job) => {
        emit({ event: 'job-start', id: job.id });
        say(`started ${job.id}`);
      },
      onEnd: (job, result) => {
        if ('outcome' in result) {
          const { outcome } = result;
          emit({ event: 'job', id: job.id, status: outcome.status });
          say(
            outcome.status === 'skipped'
              ? `skipped ${job.id} (${outcome.reason})`
              : outcome.status === 'done'
                ? `done ${job.id} (${basename(job.target)}) in ${outcome.record.time_s.toFixed(1)} s`
                : `failed ${job.id}: ${outcome.record.error}`,
          );
        } else {
          emit({ event: 'job-error', id: job.id, error: result.error, final: result.final });
          say(`${result.final ? 'failed' : 'will retry'} ${job.id}: ${result.error}`);
        }
      },
      onError: (error) => {
        // Redis down: ioredis reconnects by itself; say so once per distinct message.
        if (error.message === lastError) return;
        lastError = error.message;
        if (text) warn(io, `queue connection: ${error.message} (reconnecting)`);
      },
    });
    const stop = new Promise<string>((resolve) => {
      process.once('SIGINT', () => resolve('SIGINT'));
      process.once('SIGTERM', () => resolve('SIGTERM'));
    });
    await worker.ready();
    emit({ event: 'ready', worker: workerName(), queue: address.name });
    say(`${workerName()} waiting for jobs on ${address.host}:${address.port}/${address.name}`);
    const signal = await stop;
    say(`${signal}: finishing running jobs`);
    await worker.close();
    emit({ event: 'stopped' });
    return 0;
  },
};
