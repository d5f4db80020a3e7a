// The diagram for a workflow: a BPMN file's own XML, or for YAML a layout drawn by the page.

import type { WorkflowModel } from '../api';
import { layoutAsBpmn } from './autoLayout';

export function diagramXml(model: WorkflowModel): string {
  return model.format === 'bpmn' && model.bpmn?.xml ? model.bpmn.xml : layoutAsBpmn(model);
}
