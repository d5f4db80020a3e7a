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
  /** A part inside the page: the element whose Task Activity panel is open (#/runs/ID/ELEMENT). */
  part: string | null;
}

export function currentRoute(): Route {
  const [section, id, part] = location.hash.replace(/^#\/?/, '').split('/');
  if (section === 'workflows' || section === 'runs' || section === 'jobs') {
    return { section, id: id ? decodeURIComponent(id) : null, part: part ? decodeURIComponent(part) : null };
  }
  return { section: 'jobs', id: null, part: null };
}

export const href = (section: Section, id?: string, part?: string): string =>
  id ? `#/${section}/${encodeURIComponent(id)}${part ? `/${encodeURIComponent(part)}` : ''}` : `#/${section}`;

/** Changes the address without reopening the view (a panel opened or closed inside it). */
export function replaceAddress(address: string): void {
  history.replaceState(null, '', address);
}

/** A view whose code is loaded on first use; it says so while it loads, and disposes what loaded if left before. */
export function lazyView(load: () => Promise<View>): View {
  const element = document.createElement('div');
  element.className = 'page-loading';
  element.textContent = 'Loading…';
  let loaded: View | null = null;
  let disposed = false;
  load().then(
    (view) => {
      if (disposed) { view.dispose(); return; }
      loaded = view;
      element.replaceWith(view.element);
    },
    () => { element.textContent = 'This page could not be loaded; reload to try again.'; });
  return { element, dispose: () => { disposed = true; loaded?.dispose(); } };
}
