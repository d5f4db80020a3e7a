// Quell's BPMN extension, read and written in place: `quell:type="agentic"` on a service task and the
// `quell:properties` element in its extensionElements. The properties are a free-form map (the server's loader
// turns any attribute or child element into a key), so they are kept as bpmn-moddle's generic elements rather than
// a typed moddle descriptor, which would drop every child it does not declare on save (docs/web.md says more).

export const quellNamespace = 'https://quell.dev/schema/bpmn/1';

/** The part of a moddle element this file touches. */
export interface ModdleElement {
  $type: string;
  $attrs?: Record<string, string>;
  $children?: ModdleElement[];
  $body?: string;
  values?: ModdleElement[];
  extensionElements?: ModdleElement;
  get(name: string): unknown;
  set(name: string, value: unknown): void;
  [key: string]: unknown;
}

export function isAgentic(businessObject: ModdleElement): boolean {
  return businessObject.$type === 'bpmn:ServiceTask' && businessObject.$attrs?.['quell:type'] === 'agentic';
}

export function quellProperties(businessObject: ModdleElement): ModdleElement | undefined {
  return businessObject.extensionElements?.values?.find((value) => value.$type === 'quell:properties');
}

/** `allowCancellation` as the loader reads it: only "true" (any case) turns it on. */
export function allowsCancellation(businessObject: ModdleElement): boolean {
  const value = quellProperties(businessObject)?.get('allowCancellation');
  return typeof value === 'string' && value.trim().toLowerCase() === 'true';
}

export function propertyText(properties: ModdleElement | undefined, name: string): string {
  const attribute = properties?.get(name);
  if (typeof attribute === 'string') return attribute;
  const child = properties?.$children?.find((c) => c.$type === `quell:${name}`);
  return child?.$body?.trim() ?? '';
}
