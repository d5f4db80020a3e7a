// The bpmn.io packages that ship no TypeScript types: only what the page uses.

declare module 'bpmn-js-properties-panel' {
  export const BpmnPropertiesPanelModule: Record<string, unknown>;
  export const BpmnPropertiesProviderModule: Record<string, unknown>;
  export function useService(name: string): unknown;
}

declare module '@bpmn-io/properties-panel' {
  type Component = (props: never) => unknown;
  export const CheckboxEntry: Component;
  export const TextAreaEntry: Component;
  export const TextFieldEntry: Component;
  export const isCheckboxEntryEdited: (node: unknown) => boolean;
  export const isTextAreaEntryEdited: (node: unknown) => boolean;
  export const isTextFieldEntryEdited: (node: unknown) => boolean;
}

declare module '@bpmn-io/properties-panel/preact' {
  export function h(component: unknown, props: Record<string, unknown>, ...children: unknown[]): unknown;
}
