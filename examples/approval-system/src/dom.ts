/**
 * Tiny DOM helpers. Text from presentations, licences and users only ever goes through textContent
 * or DOM properties — never innerHTML.
 */
type Props = Partial<Record<'id' | 'className' | 'textContent' | 'title' | 'type' | 'href' | 'download', string>> & { dataset?: Record<string, string> };

export function el<K extends keyof HTMLElementTagNameMap>(tag: K, props: Props = {}, ...children: (Node | string)[]): HTMLElementTagNameMap[K] {
  const { dataset, ...rest } = props;
  const node = Object.assign(document.createElement(tag), rest);
  if (dataset) Object.assign(node.dataset, dataset);
  node.append(...children);
  return node;
}

export function byId<T extends HTMLElement = HTMLElement>(id: string): T {
  const node = document.getElementById(id);
  if (!node) throw new Error(`#${id} missing`);
  return node as T;
}

/** Shows a status line: kind drives the colour and data-state lets tests read it. */
export function status(target: HTMLElement, kind: 'ok' | 'error' | 'pending' | 'info', text: string): void {
  target.className = `status ${kind}`;
  target.dataset.state = kind;
  target.textContent = text;
}
