import React from 'react';

import { act } from 'react-test-renderer';

import App from '../App';
import { byTestId, mock, press, render, textOf, type, waitFor } from './render';

/** The app, after an enrolment that came back incomplete for `reason`. */
async function appWithIncompleteEnrolment(reason: string) {
  const app = await render(<App />);
  const enroll = byTestId(app, 'screen-enroll');
  mock.incompleteNext(reason);
  await press(enroll, 'capture-bundled');
  await press(enroll, 'submit');
  await waitFor(() => enroll.findAll(n => n.props.testID === 'result').length > 0);
  return { app, enroll };
}

it('lists this run’s jobs and completes an incomplete one with jobStatus', async () => {
  const { app, enroll } = await appWithIncompleteEnrolment('timedOut');
  expect(textOf(byTestId(enroll, 'result'))).toContain('Incomplete: still processing');

  await press(app, 'tab-jobs');
  const jobs = byTestId(app, 'session-jobs');
  expect(textOf(jobs)).toContain('SmartSelfie Enrollment');
  expect(textOf(jobs)).toContain('Incomplete: still processing');
  await press(jobs, 'check-status');
  await waitFor(() => textOf(jobs).includes('Approved'));
  expect(textOf(jobs)).toMatch(/0840\s+Enroll User/);
  expect(jobs.findAll(n => n.props.testID === 'check-status')).toHaveLength(0);
});

it('queues a job, lists it as pending and resumes it', async () => {
  const app = await render(<App />);
  const kyc = byTestId(app, 'screen-kyc');
  await press(kyc, 'capture-bundled');
  await press(kyc, 'queue');
  await waitFor(() => kyc.findAll(n => n.props.testID === 'queued').length > 0);

  await press(app, 'tab-jobs');
  const pending = byTestId(app, 'pending-jobs');
  await waitFor(() => textOf(pending).includes('Pending jobs (1)'));
  expect(textOf(pending)).toMatch(/Biometric KYC.*captured/);
  await press(pending, 'resume');
  await waitFor(() => pending.findAll(n => n.props.testID === 'resumed').length > 0);
  expect(textOf(byTestId(pending, 'resumed'))).toContain(
    'Resumed 1 job: 1 with a result, 0 failed.',
  );
  expect(textOf(pending)).toContain('Pending jobs (0)');
  expect(textOf(byTestId(app, 'session-jobs'))).toMatch(/Biometric KYC\s+Approved/);
});

it('shows a failed status check as a SmileIdError', async () => {
  const { app } = await appWithIncompleteEnrolment('statusUnavailable');
  await press(app, 'tab-jobs');
  mock.failNext('network', '127.0.0.1:8787 refused the connection');
  await press(byTestId(app, 'session-jobs'), 'check-status');
  await waitFor(() => app.findAll(n => n.props.testID === 'error').length > 0);
  expect(textOf(byTestId(app, 'error'))).toMatch(/network.*refused the connection/);
});

it('stops resuming: the job in progress and the rest stay pending', async () => {
  const app = await render(<App />);
  const enroll = byTestId(app, 'screen-enroll');
  for (const userId of ['user-a', 'user-b']) {
    await type(enroll, 'user-id', userId);
    await press(enroll, 'capture-bundled');
    await press(enroll, 'queue');
  }
  await press(app, 'tab-jobs');
  const pending = byTestId(app, 'pending-jobs');
  await waitFor(() => textOf(pending).includes('Pending jobs (2)'));
  // The mock's jobs advance on timers: frozen, the first job is still running when Stop is pressed.
  jest.useFakeTimers();
  try {
    await press(pending, 'resume');
    await press(pending, 'stop-resume');
    await act(async () => {
      jest.runAllTimers();
    });
  } finally {
    jest.useRealTimers();
  }
  await waitFor(() => app.findAll(n => n.props.testID === 'error').length > 0);
  expect(textOf(byTestId(app, 'error'))).toMatch(/^cancelled/);
  expect(textOf(pending)).toContain('Pending jobs (2)');
  expect(textOf(pending)).toContain('Resume pending jobs');
});
