// The HTTP API as the page uses it: JSON in and out, an API key when the server asks for one, problem details as errors.

export type JobStatus = 'pending' | 'running' | 'cancelling' | 'cancelled' | 'completed' | 'failed';

/** Every state, in the order a job moves through them. */
export const jobStatuses: readonly JobStatus[] = ['pending', 'running', 'cancelling', 'completed', 'cancelled', 'failed'];

export const terminalStatuses: readonly JobStatus[] = ['cancelled', 'completed', 'failed'];

export interface Progress {
  current: number;
  total: number | null;
  percent: number | null;
  message: string | null;
}

export interface Cancellation {
  reason: string;
  message: string | null;
  requestedBy: string | null;
  requestedAt: string;
}

export interface Job {
  id: string;
  type: string;
  status: JobStatus;
  progress: Progress | null;
  cancellation: Cancellation | null;
  result: unknown;
  error: string | null;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  timeoutSeconds: number | null;
  dependsOn: string[];
  attempt: number;
  parentId: string | null;
}

export interface JobList {
  items: Job[];
  total: number;
  limit: number;
  offset: number;
}

export interface JobEvent {
  seq: number;
  jobId: string;
  type: string;
  time: string;
  data: Record<string, unknown>;
}

export interface PartialResults {
  status: string;
  totalItems: number | null;
  completedItems: number;
  completionPercent: number | null;
  results: unknown[];
  failedItems: { index: number; error: string }[];
  cancelledAtItem: number | null;
}

export interface WorkflowSummary {
  id: string;
  name: string;
  description: string | null;
  format: 'yaml' | 'bpmn';
  updatedAt: string;
}

/** An RFC 9457 problem document, or what stood in for one. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly title: string,
    readonly detail: string,
    readonly body: Record<string, unknown> = {},
  ) {
    super(detail ? `${title}: ${detail}` : title);
  }
}

const keyStorage = 'quell.apiKey';

/** The API key for this tab (sessionStorage: it goes when the tab does, and no other site can read it). */
export const apiKey = {
  get: (): string | null => sessionStorage.getItem(keyStorage),
  set: (key: string): void => sessionStorage.setItem(keyStorage, key),
  clear: (): void => sessionStorage.removeItem(keyStorage),
};

type Listener = (error: ApiError) => void;
const unauthorizedListeners = new Set<Listener>();

/** Called when the server refuses the request for want of a (valid) key. */
export function onUnauthorized(listener: Listener): () => void {
  unauthorizedListeners.add(listener);
  return () => unauthorizedListeners.delete(listener);
}

export function authHeaders(): Record<string, string> {
  const key = apiKey.get();
  return key ? { Authorization: `Bearer ${key}` } : {};
}

/** A body sent as it is, with its own content type (a workflow file), rather than as JSON. */
export class RawBody {
  constructor(
    readonly text: string,
    readonly contentType: string,
  ) {}
}

export async function request<T>(method: string, path: string, body?: unknown, signal?: AbortSignal): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json', ...authHeaders() };
  const init: RequestInit = { method, headers };
  if (body instanceof RawBody) {
    headers['Content-Type'] = body.contentType;
    init.body = body.text;
  } else if (body !== undefined) {
    headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  if (signal) init.signal = signal;
  const response = await fetch(path, init);
  const text = await response.text();
  const parsed = text ? safeParse(text) : null;
  if (!response.ok) {
    const problem = (parsed ?? {}) as Record<string, unknown>;
    const error = new ApiError(
      response.status,
      typeof problem.title === 'string' ? problem.title : response.statusText || `HTTP ${response.status}`,
      typeof problem.detail === 'string' ? problem.detail : '',
      problem,
    );
    if (response.status === 401) unauthorizedListeners.forEach((listener) => listener(error));
    throw error;
  }
  return parsed as T;
}

function safeParse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return { title: 'Unreadable answer', detail: text.slice(0, 200) };
  }
}

export const api = {
  listJobs: (query: { status?: string; type?: string; limit: number; offset: number }, signal?: AbortSignal) => {
    const params = new URLSearchParams({ limit: String(query.limit), offset: String(query.offset) });
    if (query.status) params.set('status', query.status);
    if (query.type) params.set('type', query.type);
    return request<JobList>('GET', `/api/jobs?${params}`, undefined, signal);
  },
  getJob: (id: string) => request<Job>('GET', `/api/jobs/${encodeURIComponent(id)}`),
  submitJob: (type: string, input: unknown, timeoutSeconds?: number) =>
    request<Job>('POST', '/api/jobs', { type, input, timeoutSeconds }),
  cancelJob: (id: string, reason: string, message: string) =>
    request<Job>('POST', `/api/jobs/${encodeURIComponent(id)}/cancel`, { reason, message: message || undefined }),
  partialResults: (id: string) => request<PartialResults>('GET', `/api/jobs/${encodeURIComponent(id)}/partial-results`),
  listWorkflows: () => request<{ items: WorkflowSummary[] }>('GET', '/api/workflows'),
  getWorkflow: (id: string) => request<WorkflowModel>('GET', `/api/workflows/${encodeURIComponent(id)}`),
  /** Stores a workflow file; the content type says YAML or BPMN. A file that does not load is a 400 with `errors`. */
  putWorkflow: (id: string, text: string, format: 'yaml' | 'bpmn') =>
    request<WorkflowSummary>('PUT', `/api/workflows/${encodeURIComponent(id)}`, new RawBody(text, format === 'bpmn' ? 'application/xml' : 'application/yaml')),
  startRun: (workflowId: string, variables: Record<string, unknown>) =>
    request<RunView>('POST', `/api/workflows/${encodeURIComponent(workflowId)}/runs`, { variables }),
  getRun: (id: string) => request<RunView>('GET', `/api/runs/${encodeURIComponent(id)}`),
  cancelRun: (id: string, reason: string, message: string) =>
    request<RunView>('POST', `/api/runs/${encodeURIComponent(id)}/cancel`, { reason, message: message || undefined }),
  cancelTask: (runId: string, elementId: string, message?: string) =>
    request<{ outcome: string; message: string }>('POST',
      `/api/runs/${encodeURIComponent(runId)}/elements/${encodeURIComponent(elementId)}/cancel`, { reason: 'user_requested', message }),
};

export interface WorkflowElementModel {
  id: string;
  type: string;
  name: string | null;
  allowCancellation?: boolean;
  agent?: { prompt?: string | null; systemPrompt?: string | null } | null;
}

export interface WorkflowFlowModel {
  id: string;
  source: string;
  target: string;
  condition: string | null;
  isDefault: boolean;
  name: string | null;
}

/** `GET /api/workflows/{id}` as JSON: the loaded model, and for BPMN the file's XML. */
export interface WorkflowModel {
  id: string;
  name: string;
  description: string | null;
  format: 'yaml' | 'bpmn';
  elements: WorkflowElementModel[];
  flows: WorkflowFlowModel[];
  bpmn?: { xml: string } | null;
}

/** `GET /api/runs/{id}`: the server's fold of the run's events (the page folds the same events itself while live). */
export interface RunView {
  runId: string;
  workflowId: string | null;
  workflowName: string | null;
  status: JobStatus;
  outcome: string | null;
  lastSeq: number;
  startedAt: string | null;
  finishedAt: string | null;
}
