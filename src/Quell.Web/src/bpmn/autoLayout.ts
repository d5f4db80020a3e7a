// A YAML workflow has no diagram, so the page draws one: elements in columns by their longest distance from a start
// event, rows in the order the file lists them, flows as right-angled lines. The result is BPMN 2.0 XML that
// bpmn-js shows like any other; it is a picture of the model, never saved back.

import type { WorkflowFlowModel, WorkflowModel } from '../api';

const columnWidth = 180;
const rowHeight = 130;
const left = 80;
const top = 60;

const bpmnTags: Record<string, string> = {
  StartEvent: 'startEvent',
  EndEvent: 'endEvent',
  AgenticTask: 'serviceTask',
  ServiceTask: 'serviceTask',
  UserTask: 'userTask',
  ExclusiveGateway: 'exclusiveGateway',
  ParallelGateway: 'parallelGateway',
};

interface Box { x: number; y: number; width: number; height: number }

function sizeOf(type: string): { width: number; height: number } {
  if (type.endsWith('Event')) return { width: 36, height: 36 };
  if (type.endsWith('Gateway')) return { width: 50, height: 50 };
  return { width: 100, height: 80 };
}

/** Columns by longest path from the starts (cycles, which the loader refuses anyway, are cut where first met). */
function columns(model: WorkflowModel): Map<string, number> {
  const outgoing = new Map<string, WorkflowFlowModel[]>();
  const incoming = new Map<string, number>();
  for (const flow of model.flows) {
    outgoing.set(flow.source, [...(outgoing.get(flow.source) ?? []), flow]);
    incoming.set(flow.target, (incoming.get(flow.target) ?? 0) + 1);
  }
  const column = new Map<string, number>();
  const visit = (id: string, depth: number, path: Set<string>): void => {
    if (path.has(id) || (column.get(id) ?? -1) >= depth) return;
    column.set(id, depth);
    path.add(id);
    for (const flow of outgoing.get(id) ?? []) visit(flow.target, depth + 1, path);
    path.delete(id);
  };
  for (const element of model.elements) if (!incoming.get(element.id)) visit(element.id, 0, new Set());
  for (const element of model.elements) if (!column.has(element.id)) column.set(element.id, 0);
  return column;
}

const escapeXml = (value: string): string =>
  value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

export function layoutAsBpmn(model: WorkflowModel): string {
  const column = columns(model);
  const rowsUsed = new Map<number, number>();
  const boxes = new Map<string, Box>();
  for (const element of model.elements) {
    const c = column.get(element.id)!;
    const row = rowsUsed.get(c) ?? 0;
    rowsUsed.set(c, row + 1);
    const size = sizeOf(element.type);
    boxes.set(element.id, {
      x: left + c * columnWidth + (100 - size.width) / 2,
      y: top + row * rowHeight + (80 - size.height) / 2,
      ...size,
    });
  }

  const nodes = model.elements.map((element) => {
    const tag = bpmnTags[element.type] ?? 'task';
    const agentic = element.type === 'AgenticTask' ? ' quell:type="agentic"' : '';
    const name = element.name ? ` name="${escapeXml(element.name)}"` : '';
    return `<bpmn:${tag} id="${escapeXml(element.id)}"${name}${agentic} />`;
  });
  const flows = model.flows.map((flow) => {
    const name = flow.name ? ` name="${escapeXml(flow.name)}"` : '';
    return `<bpmn:sequenceFlow id="${escapeXml(flow.id)}" sourceRef="${escapeXml(flow.source)}" targetRef="${escapeXml(flow.target)}"${name} />`;
  });
  const shapes = model.elements.map((element) => {
    const b = boxes.get(element.id)!;
    return `<bpmndi:BPMNShape id="${escapeXml(element.id)}_di" bpmnElement="${escapeXml(element.id)}"><dc:Bounds x="${b.x}" y="${b.y}" width="${b.width}" height="${b.height}" /></bpmndi:BPMNShape>`;
  });
  const edges = model.flows.filter((f) => boxes.has(f.source) && boxes.has(f.target)).map((flow) => {
    const points = route(boxes.get(flow.source)!, boxes.get(flow.target)!)
      .map(([x, y]) => `<di:waypoint x="${x}" y="${y}" />`).join('');
    return `<bpmndi:BPMNEdge id="${escapeXml(flow.id)}_di" bpmnElement="${escapeXml(flow.id)}">${points}</bpmndi:BPMNEdge>`;
  });
  const processId = `${model.id}_process`;
  return `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:bpmndi="http://www.omg.org/spec/BPMN/20100524/DI"
  xmlns:dc="http://www.omg.org/spec/DD/20100524/DC" xmlns:di="http://www.omg.org/spec/DD/20100524/DI"
  xmlns:quell="https://quell.dev/schema/bpmn/1" id="${escapeXml(model.id)}_definitions" targetNamespace="https://quell.dev/layout">
  <bpmn:process id="${escapeXml(processId)}" isExecutable="true">${nodes.join('')}${flows.join('')}</bpmn:process>
  <bpmndi:BPMNDiagram id="${escapeXml(model.id)}_diagram"><bpmndi:BPMNPlane id="${escapeXml(model.id)}_plane" bpmnElement="${escapeXml(processId)}">${shapes.join('')}${edges.join('')}</bpmndi:BPMNPlane></bpmndi:BPMNDiagram>
</bpmn:definitions>`;
}

/** Right-angled: out of the source's right side, along the middle column gap, into the target's left side. */
function route(source: Box, target: Box): [number, number][] {
  const from: [number, number] = [source.x + source.width, source.y + source.height / 2];
  const to: [number, number] = [target.x, target.y + target.height / 2];
  if (from[1] === to[1]) return [from, to];
  const middle = Math.round(to[0] - 30);
  return [from, [middle, from[1]], [middle, to[1]], to];
}
