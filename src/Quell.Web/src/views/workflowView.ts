// One workflow on the canvas. A BPMN file opens in the modeler with its properties panel ("Custom Properties" for
// agentic tasks) and can be saved back; a YAML file is drawn by the page and shown read-only. "Execute Workflow"
// starts a run with the variables given and opens its live view.

import Modeler from 'bpmn-js/lib/Modeler';
import NavigatedViewer from 'bpmn-js/lib/NavigatedViewer';
import { BpmnPropertiesPanelModule, BpmnPropertiesProviderModule } from 'bpmn-js-properties-panel';
import { api, ApiError, type WorkflowModel } from '../api';
import { diagramXml } from '../bpmn/diagramSource';
import { fitWhenSized } from '../bpmn/fitCanvas';
import { quellPropertiesProviderModule } from '../bpmn/customPropertiesProvider';
import { h, replace } from '../dom';
import { href, type View } from '../router';
import { elementList } from './elementList';
import { problemList } from './problemList';
import { variablesEditor } from './variablesEditor';

export function workflowView(workflowId: string): View {
  let viewer: Modeler | NavigatedViewer | null = null;
  let disposed = false;
  let stopFitting = () => {};
  const title = h('h1', { id: 'workflow-title' }, workflowId);
  const description = h('p', { class: 'muted small workflow-description' });
  const error = h('div', { class: 'notice notice-error', role: 'alert', hidden: true });
  const saved = h('div', { class: 'notices', role: 'status', 'aria-live': 'polite' });
  const toolbar = h('div', { class: 'run-toolbar', role: 'toolbar', 'aria-label': 'Workflow' });
  // The drawing itself is hidden from screen readers (the element list says the same); its bubbles are buttons.
  const canvasHost = h('div', { class: 'canvas', role: 'region', 'aria-label': 'Diagram' });
  const propertiesHost = h('div', { class: 'properties-host' });
  const side = h('div', { class: 'canvas-side' });
  const element = h('section', { class: 'page workflow-page', 'aria-labelledby': 'workflow-title' },
    h('div', { class: 'page-head' },
      h('div', {}, h('p', { class: 'breadcrumb' }, h('a', { href: href('workflows') }, 'Workflows'), ' / ', h('span', { class: 'mono' }, workflowId)),
        title, description),
      toolbar),
    error, saved,
    h('div', { class: 'canvas-layout' }, canvasHost, side));

  function showError(content: Node | string): void {
    error.hidden = false;
    replace(error, content);
  }

  async function load(): Promise<void> {
    let model: WorkflowModel;
    try {
      model = await api.getWorkflow(workflowId);
    } catch (e) {
      showError(e instanceof ApiError ? e.message : 'The server could not be reached.');
      return;
    }
    if (disposed) return;
    title.textContent = model.name;
    description.textContent = model.description ?? '';
    const editable = model.format === 'bpmn';
    viewer = editable
      ? new Modeler({
        container: canvasHost,
        propertiesPanel: { parent: propertiesHost },
        additionalModules: [BpmnPropertiesPanelModule, BpmnPropertiesProviderModule, quellPropertiesProviderModule],
      })
      : new NavigatedViewer({ container: canvasHost });
    try {
      await viewer.importXML(diagramXml(model));
      canvasHost.querySelector('svg')?.setAttribute('aria-hidden', 'true');
      stopFitting = fitWhenSized(canvasHost, viewer.get('canvas'), viewer.get('eventBus'), editable ? 110 : 0);
    } catch (e) {
      showError(`The diagram could not be drawn: ${(e as Error).message}`);
    }
    const variables = variablesEditor(model);
    const execute = h('button', { type: 'button', class: 'button button-primary', id: 'execute-workflow' }, '▶ Execute Workflow');
    execute.addEventListener('click', async () => {
      const value = variables.value();
      if (!value) return;
      execute.disabled = true;
      try {
        const run = await api.startRun(workflowId, value);
        location.hash = href('runs', run.runId);
      } catch (e) {
        execute.disabled = false;
        showError(e instanceof ApiError ? e.message : 'The server could not be reached.');
      }
    });
    variables.onValidity((valid) => { execute.disabled = !valid; });
    toolbar.append(variables.element, execute);
    if (editable && viewer instanceof Modeler) {
      const modeler = viewer;
      const save = h('button', { type: 'button', class: 'button', id: 'save-workflow' }, 'Save workflow');
      save.addEventListener('click', () => void saveWorkflow(modeler, save));
      toolbar.append(save);
      side.append(h('div', { class: 'properties-card' }, h('h2', { class: 'side-title' }, 'Properties Panel'), propertiesHost));
    } else {
      side.append(h('p', { class: 'muted small layout-note' }, 'Laid out automatically from the YAML file; change the file to change the workflow.'));
    }
    const list = elementList(model, (id, button) => {
      const registry = viewer!.get<{ get(id: string): unknown }>('elementRegistry');
      viewer!.get<{ select(e: unknown): void }>('selection').select(registry.get(id));
      button.focus();
    });
    viewer.on('selection.changed', (event: { newSelection: { id: string }[] }) => list.select(event.newSelection[0]?.id ?? null));
    side.append(list.element);
  }

  async function saveWorkflow(modeler: Modeler, button: HTMLButtonElement): Promise<void> {
    button.disabled = true;
    error.hidden = true;
    try {
      const { xml } = await modeler.saveXML({ format: true });
      await api.putWorkflow(workflowId, xml ?? '', 'bpmn');
      replace(saved, h('p', { class: 'notice notice-success' }, 'Workflow saved.'));
      window.setTimeout(() => replace(saved), 4_000);
    } catch (e) {
      showError(e instanceof ApiError ? problemList(e) : `The workflow could not be saved: ${(e as Error).message}`);
    } finally {
      button.disabled = false;
    }
  }

  void load();
  return { element, dispose: () => { disposed = true; stopFitting(); viewer?.destroy(); } };
}
