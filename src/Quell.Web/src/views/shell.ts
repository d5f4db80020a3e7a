// The frame around every page: product name, navigation, the connection indicator, and the API key prompt that
// appears when the server asks for a key.

import { apiKey, onUnauthorized } from '../api';
import { connection } from '../connection';
import { h } from '../dom';
import { href, type Section } from '../router';

export interface Shell {
  readonly element: HTMLElement;
  readonly main: HTMLElement;
  select(section: Section): void;
}

export function shell(onKeyChanged: () => void): Shell {
  const links = new Map<Section, HTMLAnchorElement>(
    (['workflows', 'runs', 'jobs'] as Section[]).map((section) => [section, h('a', { href: href(section) }, section[0]!.toUpperCase() + section.slice(1))]),
  );
  const indicator = h('span', { class: 'connection', role: 'status', 'aria-live': 'polite' });
  connection.subscribe((connected) => {
    indicator.textContent = connected ? '● Connected' : 'Disconnected';
    indicator.classList.toggle('connection-lost', !connected);
  });

  const keyInput = h('input', { id: 'api-key', type: 'password', autocomplete: 'off', required: true });
  const keyMessage = h('p', { class: 'small', id: 'api-key-message' });
  const keyForm = h('form', { class: 'key-prompt', hidden: true, 'aria-labelledby': 'api-key-title' },
    h('h2', { id: 'api-key-title' }, 'API key required'),
    keyMessage,
    h('label', { for: 'api-key' }, 'API key'), keyInput,
    h('button', { type: 'submit', class: 'button button-primary' }, 'Use key'));
  keyForm.addEventListener('submit', (event) => {
    event.preventDefault();
    apiKey.set(keyInput.value.trim());
    keyInput.value = '';
    keyForm.hidden = true;
    onKeyChanged();
  });
  onUnauthorized(() => {
    const refused = apiKey.get() !== null;
    keyMessage.textContent = refused
      ? 'The server refused this API key. Enter another one; it is kept for this tab only.'
      : 'This server requires an API key. It is kept for this tab only.';
    keyMessage.classList.toggle('text-error', refused);
    if (keyForm.hidden) {
      keyForm.hidden = false;
      keyInput.focus();
    }
  });

  const main = h('main', { id: 'main', tabindex: -1 });
  const element = h('div', { class: 'shell' },
    h('a', { class: 'skip-link', href: '#main' }, 'Skip to content'),
    h('header', { class: 'header' },
      h('a', { class: 'brand', href: href('jobs') }, h('img', { src: '/favicon.svg', alt: '', width: 22, height: 22 }), 'Quell'),
      h('nav', { 'aria-label': 'Sections' }, [...links.values()]),
      indicator),
    keyForm,
    main);

  return {
    element,
    main,
    select(section) {
      for (const [name, link] of links) {
        if (name === section) link.setAttribute('aria-current', 'page');
        else link.removeAttribute('aria-current');
      }
    },
  };
}
