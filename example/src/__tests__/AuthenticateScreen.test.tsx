import React from 'react';

import App from '../App';
import { byTestId, press, render, textOf, type, waitFor } from './render';

const hasResult = (screen: ReturnType<typeof byTestId>) => () =>
  screen.findAll(n => n.props.testID === 'result').length > 0;

it('authenticates the user enrolled in this run', async () => {
  const app = await render(<App />);
  const enroll = byTestId(app, 'screen-enroll');
  await type(enroll, 'user-id', 'user-7');
  await press(enroll, 'capture-bundled');
  await press(enroll, 'submit');
  await waitFor(hasResult(enroll));

  await press(app, 'tab-authenticate');
  const auth = byTestId(app, 'screen-authenticate');
  expect(byTestId(auth, 'user-id').props.value).toBe('user-7');
  await press(auth, 'capture-camera');
  await press(auth, 'submit');
  await waitFor(hasResult(auth));
  const result = textOf(byTestId(auth, 'result'));
  expect(result).toMatch(/ResultCode\s+0820/);
  expect(result).toMatch(/ResultText\s+User is authentic/);
  expect(result).toMatch(/user_id\s+user-7/);
});

it('shows the field a job without a user id lacks', async () => {
  const app = await render(<App />);
  const auth = byTestId(app, 'screen-authenticate');
  expect(byTestId(auth, 'user-id').props.value).toBe('');
  await press(auth, 'capture-bundled');
  await press(auth, 'submit');
  await waitFor(() => auth.findAll(n => n.props.testID === 'error').length > 0);
  const error = textOf(byTestId(auth, 'error'));
  expect(error).toContain('invalid_input');
  expect(error).toContain('field: partner_params.user_id');
  expect(error).toContain('partner_params.user_id is required for SmartSelfie Authentication');
});
