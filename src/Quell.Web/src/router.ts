// Hash routes (#/jobs, #/jobs/ID, #/workflows, #/runs): the server serves one page and needs no fallback route.

export interface View {
  readonly element: HTMLElement;
  /** Stops the view's timers and streams when another one replaces it. */
  dispose(): void;
}

export type Section = 'workflows' | 'runs' | 'jobs';

export interface Route {
  section: Section;
  id: string | null;
}

export function currentRoute(): Route {
  const [section, id] = location.hash.replace(/^#\/?/, '').split('/');
  if (section === 'workflows' || section === 'runs' || section === 'jobs') {
    return { section, id: id ? decodeURIComponent(id) : null };
  }
  return { section: 'jobs', id: null };
}

export const href = (section: Section, id?: string): string => (id ? `#/${section}/${encodeURIComponent(id)}` : `#/${section}`);
