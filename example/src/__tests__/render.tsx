/** Rendering and driving screens under Jest with react-test-renderer and the package's mock. */
import React from 'react';
import { act, create, type ReactTestInstance } from 'react-test-renderer';

import { SessionProvider } from '../session';

export const { mock } = require('react-native-smileid-rs/jest');

/** Renders `element` and lets its mount effects run. */
export async function render(element: React.ReactElement): Promise<ReactTestInstance> {
  let root: ReturnType<typeof create> | undefined;
  await act(async () => {
    root = create(element);
  });
  return root!.root;
}

/** Renders one screen inside the session the app gives it. */
export function renderScreen(Screen: React.ComponentType): Promise<ReactTestInstance> {
  return render(
    <SessionProvider>
      <Screen />
    </SessionProvider>,
  );
}

/** The component with this testID that handles `handler` (the pressable or input itself). */
function handlerOf(scope: ReactTestInstance, testID: string, handler: string) {
  const found = scope.findAll(
    n => n.props.testID === testID && typeof n.props[handler] === 'function',
  );
  if (found.length === 0) throw new Error(`nothing with testID ${testID} handles ${handler}`);
  return found[0];
}

export async function press(scope: ReactTestInstance, testID: string) {
  const node = handlerOf(scope, testID, 'onPress');
  if (node.props.disabled) throw new Error(`${testID} is disabled`);
  // Not awaiting what the handler returns: a running job stays running, as after a real tap.
  await act(async () => {
    node.props.onPress();
  });
}

export async function type(scope: ReactTestInstance, testID: string, text: string) {
  const node = handlerOf(scope, testID, 'onChangeText');
  await act(async () => node.props.onChangeText(text));
}

/** The text the subtree renders: a Text's strings joined, elements apart by one space. */
export function textOf(node: ReactTestInstance): string {
  return node.children
    .map(c => (typeof c === 'string' ? c : ` ${textOf(c)} `))
    .join('')
    .replace(/\s+/g, ' ')
    .trim();
}

export function byTestId(scope: ReactTestInstance, testID: string): ReactTestInstance {
  return scope.find(n => n.props.testID === testID);
}

/** Lets the mock's timers and promises run until `predicate` holds. */
export async function waitFor(predicate: () => boolean) {
  for (let i = 0; i < 100; i++) {
    if (predicate()) return;
    await act(() => new Promise(resolve => setTimeout(resolve, 0)));
  }
  throw new Error('condition not reached');
}

beforeEach(() => mock.reset());
