// The pages with a BPMN canvas, in one chunk loaded on demand, with bpmn-js's styles.
import 'bpmn-js/dist/assets/diagram-js.css';
import 'bpmn-js/dist/assets/bpmn-js.css';
import 'bpmn-js/dist/assets/bpmn-font/css/bpmn.css';
import '@bpmn-io/properties-panel/dist/assets/properties-panel.css';
import '../canvas.css';

export { runView } from './runView';
export { workflowView } from './workflowView';
