import './styles.css';
import { connection } from './connection';
import { currentRoute, lazyView, type View } from './router';
import { jobsView } from './views/jobsView';
import { jobView } from './views/jobView';
import { runsView } from './views/runsView';
import { shell } from './views/shell';
import { workflowsView } from './views/workflowsView';

const frame = shell(() => show());
document.getElementById('app')!.replaceWith(frame.element);
connection.start();

let view: View | null = null;

function show(): void {
  view?.dispose();
  const route = currentRoute();
  frame.select(route.section);
  const { id, part } = route;
  // The canvas (bpmn-js and its properties panel) is most of the script: loaded only by the pages that draw one.
  view = route.section === 'workflows' ? (id ? lazyView(() => import('./views/canvasViews').then((m) => m.workflowView(id))) : workflowsView())
    : route.section === 'runs' ? (id ? lazyView(() => import('./views/canvasViews').then((m) => m.runView(id, part))) : runsView())
    : route.id ? jobView(route.id)
    : jobsView();
  frame.main.replaceChildren(view.element);
  document.title = `${route.id ? `${route.section.slice(0, -1)} ${route.id.slice(-8)}` : route.section[0]!.toUpperCase() + route.section.slice(1)} · Quell`;
}

window.addEventListener('hashchange', show);
show();
