import React from 'react';

import App from '../App';
import { EnhancedKycScreen } from '../screens/EnhancedKycScreen';
import { byTestId, mock, press, render, renderScreen, textOf, type, waitFor } from './render';

const has = (scope: ReturnType<typeof byTestId>, testID: string) => () =>
  scope.findAll(n => n.props.testID === testID).length > 0;
/** The form's ID fields, in order (each input appears as several nested components). */
const fieldIds = (scope: ReturnType<typeof byTestId>) => [
  ...new Set(
    scope
      .findAll(n => /^id-/.test(n.props.testID ?? '') && n.props.onChangeText)
      .map(n => n.props.testID),
  ),
];

it('fills the pickers and the fields from services(), then verifies the ID', async () => {
  const screen = await renderScreen(EnhancedKycScreen);
  await waitFor(has(screen, 'country-NG'));
  expect(textOf(screen)).toContain('Nigeria');
  expect(textOf(screen)).toContain('Bank Verification Number');
  expect(byTestId(screen, 'id-id_number').props.value).toBe('00000000000');
  // An ID type's required fields become the form's.
  await press(screen, 'id-type-BANK_ACCOUNT');
  expect(fieldIds(screen)).toEqual(['id-id_number', 'id-bank_code']);
  await press(screen, 'country-KE');
  expect(textOf(screen)).toContain('KRA PIN');
  await press(screen, 'id-type-DRIVERS_LICENSE');
  expect(fieldIds(screen)).toEqual(['id-id_number', 'id-citizenship']);
  expect(byTestId(screen, 'id-id_number').props.value).toBe('00000000');

  await press(screen, 'country-NG');
  await press(screen, 'id-type-BVN');
  await type(screen, 'user-id', 'ekyc-7');
  await press(screen, 'submit');
  await waitFor(has(screen, 'result'));
  const result = textOf(byTestId(screen, 'result'));
  expect(result).toContain('Verified');
  expect(result).toMatch(/ResultCode\s+1012/);
  expect(result).toMatch(/IDType\s+BVN/);
  expect(result).toMatch(/FullName\s+Joe Leo Doe/);
  expect(result).toMatch(/user_id\s+ekyc-7/);
  expect(result).toMatch(/Verify ID Number\s+Verified/);
});

it('names the missing ID number', async () => {
  const screen = await renderScreen(EnhancedKycScreen);
  await waitFor(has(screen, 'id-id_number'));
  await type(screen, 'id-id_number', '');
  await press(screen, 'submit');
  await waitFor(has(screen, 'error'));
  const error = textOf(byTestId(screen, 'error'));
  expect(error).toMatch(/^invalid_input/);
  expect(error).toContain('field: id_info.id_number');
});

it('shows why the catalogue could not be loaded', async () => {
  mock.failNext('network', 'offline');
  const screen = await renderScreen(EnhancedKycScreen);
  await waitFor(has(screen, 'error'));
  expect(textOf(byTestId(screen, 'error'))).toMatch(/^network.*offline/);
  expect(byTestId(screen, 'submit').props.disabled).toBe(true);
});

it('lists the verification among this run’s jobs', async () => {
  const app = await render(<App />);
  const ekyc = byTestId(app, 'screen-ekyc');
  await waitFor(has(ekyc, 'id-id_number'));
  await press(ekyc, 'submit');
  await waitFor(has(ekyc, 'result'));
  await press(app, 'tab-jobs');
  const jobs = textOf(byTestId(app, 'session-jobs'));
  expect(jobs).toMatch(/Enhanced KYC\s+Verified/);
  expect(jobs).toMatch(/1012\s+ID Number Validated/);
});
