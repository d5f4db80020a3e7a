// The "Custom Properties" group of the modeler's properties panel, for agentic tasks: `allowCancellation` and the
// task's main properties, written into `quell:properties` through bpmn-js commands (so undo and redo work).

import { h } from '@bpmn-io/properties-panel/preact';
import { CheckboxEntry, TextAreaEntry, TextFieldEntry, isCheckboxEntryEdited, isTextAreaEntryEdited, isTextFieldEntryEdited } from '@bpmn-io/properties-panel';
import { useService } from 'bpmn-js-properties-panel';
import { isAgentic, quellNamespace, quellProperties, type ModdleElement } from './quellProperties';

interface DiagramElement {
  id: string;
  businessObject: ModdleElement;
}

interface Modeling {
  updateModdleProperties(element: DiagramElement, target: ModdleElement, properties: Record<string, unknown>): void;
}

interface Services {
  modeling: Modeling;
  moddle: { createAny(name: string, uri: string, properties: Record<string, unknown>): ModdleElement; create(type: string, properties: Record<string, unknown>): ModdleElement };
}

/** The element's `quell:properties`, created (with its extensionElements) on first write. */
function ensureProperties(element: DiagramElement, services: Services): ModdleElement {
  const businessObject = element.businessObject;
  const existing = quellProperties(businessObject);
  if (existing) return existing;
  let extensions = businessObject.extensionElements;
  if (!extensions) {
    extensions = services.moddle.create('bpmn:ExtensionElements', { values: [] });
    services.modeling.updateModdleProperties(element, businessObject, { extensionElements: extensions });
  }
  const created = services.moddle.createAny('quell:properties', quellNamespace, {});
  services.modeling.updateModdleProperties(element, extensions, { values: [...(extensions.values ?? []), created] });
  return created;
}

function useQuellProperty(element: DiagramElement, name: string): { get: () => string; set: (value: string) => void } {
  const modeling = useService('modeling') as Modeling;
  const moddle = useService('moddle') as Services['moddle'];
  return {
    get: () => {
      const value = quellProperties(element.businessObject)?.get(name);
      return typeof value === 'string' ? value : '';
    },
    set: (value: string) => {
      const properties = ensureProperties(element, { modeling, moddle });
      modeling.updateModdleProperties(element, properties, { [name]: value });
    },
  };
}

interface EntryProps { element: DiagramElement; id: string }

function AllowCancellation({ element, id }: EntryProps) {
  const property = useQuellProperty(element, 'allowCancellation');
  return h(CheckboxEntry, {
    element, id, label: 'allowCancellation',
    description: 'Lets a user cancel this task while it runs (the Cancel Task button).',
    getValue: () => property.get().trim().toLowerCase() === 'true',
    setValue: (value: boolean) => property.set(value ? 'true' : 'false'),
  });
}

function AgentProvider({ element, id }: EntryProps) {
  const property = useQuellProperty(element, 'agentProvider');
  const debounce = useService('debounceInput');
  return h(TextFieldEntry, {
    element, id, label: 'Agent provider', debounce,
    description: '"scripted" is the offline scripted model; "openai" is any OpenAI-compatible endpoint.',
    getValue: property.get, setValue: property.set,
  });
}

/** The prompt is a `quell:prompt` child element; it is edited as the element's text. */
function Prompt({ element, id }: EntryProps) {
  const modeling = useService('modeling') as Modeling;
  const moddle = useService('moddle') as Services['moddle'];
  const debounce = useService('debounceInput');
  const child = () => quellProperties(element.businessObject)?.$children?.find((c) => c.$type === 'quell:prompt');
  return h(TextAreaEntry, {
    element, id, label: 'Prompt', debounce, rows: 4,
    getValue: () => child()?.$body?.trim() ?? '',
    setValue: (value: string) => {
      const existing = child();
      if (existing) {
        modeling.updateModdleProperties(element, existing, { $body: value });
        return;
      }
      const properties = ensureProperties(element, { modeling, moddle });
      const prompt = moddle.createAny('quell:prompt', quellNamespace, {});
      prompt.$body = value;
      modeling.updateModdleProperties(element, properties, { $children: [...(properties.$children ?? []), prompt] });
    },
  });
}

const lowPriority = 500;

export class QuellPropertiesProvider {
  static $inject = ['propertiesPanel'];

  constructor(propertiesPanel: { registerProvider(priority: number, provider: QuellPropertiesProvider): void }) {
    propertiesPanel.registerProvider(lowPriority, this);
  }

  getGroups(element: DiagramElement) {
    return (groups: unknown[]) => {
      if (!isAgentic(element.businessObject)) return groups;
      return [...groups, {
        id: 'quell-custom-properties',
        label: 'Custom Properties',
        entries: [
          { id: 'quell-allowCancellation', element, component: AllowCancellation, isEdited: isCheckboxEntryEdited },
          { id: 'quell-agentProvider', element, component: AgentProvider, isEdited: isTextFieldEntryEdited },
          { id: 'quell-prompt', element, component: Prompt, isEdited: isTextAreaEntryEdited },
        ],
      }];
    };
  }
}

export const quellPropertiesProviderModule = {
  __init__: ['quellPropertiesProvider'],
  quellPropertiesProvider: ['type', QuellPropertiesProvider],
};
