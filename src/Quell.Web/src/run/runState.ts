// A workflow run as the page shows it, folded from the run job's events. The live view applies events as they
// stream; the replay and the timeline scrubber fold a prefix of the stored ones. Events are applied once each, in
// seq order, so a reconnect that repeats some changes nothing.

import type { JobEvent, JobStatus } from '../api';

export type ElementStatus = 'idle' | 'running' | 'waiting' | 'cancelling' | 'completed' | 'failed' | 'cancelled';

export interface CancelRequest {
  reason: string;
  message: string | null;
  at: string;
}

/** One line of a task's activity, in the order it happened. Entries are updated in place while they stream. */
export type ActivityEntry =
  | { kind: 'thinking'; key: string; time: string }
  | { kind: 'response'; key: string; time: string; text: string; status: 'streaming' | 'complete' | 'cancelled'; model: string | null; late: boolean }
  | { kind: 'tool'; key: string; time: string; tool: string; index: number; arguments: unknown; status: 'running' | 'complete' | 'failed' | 'cancelled'; result: unknown; error: string | null; late: boolean }
  | { kind: 'retry'; key: string; time: string; attempt: number; delayMs: number; error: string }
  | { kind: 'cancel-request'; key: string; time: string; reason: string; message: string | null }
  | { kind: 'cancel-failed'; key: string; time: string; error: string }
  | { kind: 'waiting'; key: string; time: string; prompt: string | null }
  | { kind: 'completed'; key: string; time: string; output: unknown }
  | { kind: 'failed'; key: string; time: string; error: string };

export interface ElementState {
  id: string;
  type: string | null;
  name: string | null;
  status: ElementStatus;
  /** A `task.cancellable` was seen and the task has not ended. */
  cancellable: boolean;
  cancelRequest: CancelRequest | null;
  /** The task's `task.cancelled`: why, and what it kept. */
  cancelled: { reason: string; message: string | null; partialResult: unknown; time: string } | null;
  error: string | null;
  tokensUsed: number;
  /** For a gateway that has decided: the outgoing flows it took. */
  chosenFlows: string[] | null;
  startedAt: string | null;
  finishedAt: string | null;
  activity: ActivityEntry[];
}

export interface RunState {
  runId: string;
  workflowId: string | null;
  workflowName: string | null;
  /** The run job's state. */
  status: JobStatus;
  /** The workflow's outcome once it ended: success, failed or cancelled. */
  outcome: string | null;
  runCancellation: { reason: string; message: string | null } | null;
  error: string | null;
  elements: Map<string, ElementState>;
  lastSeq: number;
  /** The time of the last event folded (the scrubber's "now"). */
  time: string | null;
}

export function emptyRun(runId: string): RunState {
  return {
    runId, workflowId: null, workflowName: null, status: 'pending', outcome: null, runCancellation: null,
    error: null, elements: new Map(), lastSeq: 0, time: null,
  };
}

const text = (value: unknown): string => (typeof value === 'string' ? value : '');
const textOrNull = (value: unknown): string | null => (typeof value === 'string' ? value : null);
const number = (value: unknown): number => (typeof value === 'number' ? value : 0);

/** Applies one event; returns the id of the element it changed (null for run-level changes), or undefined when it was already applied. */
export function applyEvent(run: RunState, event: JobEvent): string | null | undefined {
  if (event.seq <= run.lastSeq) return undefined;
  run.lastSeq = event.seq;
  run.time = event.time;
  const data = event.data ?? {};
  const elementId = textOrNull(data.elementId);
  const element = elementId ? elementOf(run, elementId) : null;
  const late = element?.cancelled !== null && element?.cancelled !== undefined;
  const key = `${event.seq}`;
  switch (event.type) {
    case 'job.started': run.status = 'running'; break;
    case 'job.cancel.requested': case 'job.cancelling': if (run.status === 'running' || run.status === 'pending') run.status = 'cancelling'; break;
    case 'job.completed': run.status = 'completed'; break;
    case 'job.failed': run.status = 'failed'; run.error = textOrNull(data.error); break;
    case 'job.cancelled':
      run.status = 'cancelled';
      run.runCancellation = { reason: text(data.reason) || 'user_requested', message: textOrNull(data.message) };
      break;
    case 'workflow.started':
      run.workflowId = textOrNull(data.workflowId);
      run.workflowName = textOrNull(data.workflowName);
      break;
    case 'workflow.finished': run.outcome = textOrNull(data.outcome); break;
    default:
      if (element) applyElementEvent(element, event, key, late);
  }
  return element ? element.id : null;
}

function applyElementEvent(element: ElementState, event: JobEvent, key: string, late: boolean): void {
  const data = event.data ?? {};
  const time = event.time;
  switch (event.type) {
    case 'workflow.element.started':
      element.type = textOrNull(data.elementType) ?? element.type;
      element.name = textOrNull(data.name) ?? element.name;
      element.status = 'running';
      element.startedAt = time;
      if (element.type === 'AgenticTask') element.activity.push({ kind: 'thinking', key, time });
      break;
    case 'workflow.element.completed':
      element.status = 'completed';
      element.cancellable = false;
      element.finishedAt = time;
      element.activity.push({ kind: 'completed', key, time, output: data.output ?? null });
      break;
    case 'workflow.element.failed':
      // A task stopped by a cancel also fails its element; the cancelled state is the one that says what happened.
      element.cancellable = false;
      element.finishedAt = time;
      element.error = textOrNull(data.error);
      if (element.status !== 'cancelled') {
        element.status = 'failed';
        element.activity.push({ kind: 'failed', key, time, error: text(data.error) });
      }
      break;
    case 'workflow.usertask.waiting':
      element.status = 'waiting';
      element.activity.push({ kind: 'waiting', key, time, prompt: textOrNull(data.prompt) });
      break;
    case 'workflow.usertask.completed': element.status = 'running'; break;
    case 'workflow.gateway.evaluated':
      element.chosenFlows = (Array.isArray(data.flows) ? data.flows : []).filter((f): f is string => typeof f === 'string');
      break;
    case 'task.cancellable': element.cancellable = element.status === 'running' || element.status === 'cancelling'; break;
    case 'task.cancel.request':
      element.cancelRequest ??= { reason: text(data.reason) || 'user_requested', message: textOrNull(data.message), at: time };
      element.activity.push({ kind: 'cancel-request', key, time, reason: text(data.reason), message: textOrNull(data.message) });
      if (element.status === 'running') element.status = 'cancelling';
      break;
    case 'task.cancelling':
      if (element.status === 'running') element.status = 'cancelling';
      break;
    case 'task.cancelled':
      element.status = 'cancelled';
      element.cancellable = false;
      element.finishedAt = time;
      element.cancelled = {
        reason: text(data.reason) || 'user_requested', message: textOrNull(data.message), partialResult: data.partialResult ?? null, time,
      };
      break;
    case 'task.cancel.failed':
      element.activity.push({ kind: 'cancel-failed', key, time, error: text(data.error) });
      break;
    case 'task.message.start': {
      const model = data.model as { name?: string; provider?: string; scripted?: boolean } | undefined;
      // The offline scripted model says so wherever it appears.
      const name = !model ? null : model.scripted ? 'scripted model (offline)' : model.name ?? model.provider ?? 'model';
      element.activity.push({ kind: 'response', key: `m:${text(data.messageId)}`, time, text: '', status: 'streaming', model: name, late });
      break;
    }
    case 'task.message.delta': {
      const message = findEntry(element, `m:${text(data.messageId)}`);
      if (message?.kind === 'response') message.text += text(data.delta);
      break;
    }
    case 'task.message.end': {
      const message = findEntry(element, `m:${text(data.messageId)}`);
      if (message?.kind === 'response') message.status = data.status === 'cancelled' ? 'cancelled' : 'complete';
      break;
    }
    case 'task.tool.start':
      element.activity.push({
        kind: 'tool', key: `t:${text(data.toolCallId)}`, time, tool: text(data.tool), index: number(data.index),
        arguments: data.arguments ?? null, status: 'running', result: null, error: null, late,
      });
      break;
    case 'task.tool.end': {
      const call = findEntry(element, `t:${text(data.toolCallId)}`);
      if (call?.kind === 'tool') {
        call.status = data.status === 'failed' ? 'failed' : data.status === 'cancelled' ? 'cancelled' : 'complete';
        call.result = data.result ?? null;
        call.error = textOrNull(data.error);
      }
      break;
    }
    case 'task.retry':
      element.activity.push({ kind: 'retry', key, time, attempt: number(data.attempt), delayMs: number(data.delayMs), error: text(data.error) });
      break;
    case 'task.usage':
      element.tokensUsed = number(data.totalTokens) || element.tokensUsed;
      break;
  }
}

function elementOf(run: RunState, id: string): ElementState {
  let element = run.elements.get(id);
  if (!element) {
    element = {
      id, type: null, name: null, status: 'idle', cancellable: false, cancelRequest: null, cancelled: null,
      error: null, tokensUsed: 0, chosenFlows: null, startedAt: null, finishedAt: null, activity: [],
    };
    run.elements.set(id, element);
  }
  return element;
}

function findEntry(element: ElementState, key: string): ActivityEntry | undefined {
  for (let i = element.activity.length - 1; i >= 0; i--) if (element.activity[i]!.key === key) return element.activity[i];
  return undefined;
}

/** The run as it stood after the first `count` events (the scrubber). */
export function foldPrefix(runId: string, events: readonly JobEvent[], count: number): RunState {
  const run = emptyRun(runId);
  for (let i = 0; i < count && i < events.length; i++) applyEvent(run, events[i]!);
  return run;
}

export const isRunOver = (run: RunState): boolean => run.status === 'completed' || run.status === 'failed' || run.status === 'cancelled';
