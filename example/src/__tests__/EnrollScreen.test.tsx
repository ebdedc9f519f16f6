import { EnrollScreen } from '../screens/EnrollScreen';
import { byTestId, mock, press, renderScreen, textOf, type, waitFor } from './render';

const enrollScreen = () => renderScreen(EnrollScreen);

it('captures the bundled photo, submits, shows the progress steps and typed result', async () => {
  const screen = await enrollScreen();
  await type(screen, 'user-id', 'user-42');
  await press(screen, 'capture-bundled');
  expect(textOf(screen)).toMatch(
    /Captured as tag tag-mock-1: one selfie and seven liveness images/,
  );

  await press(screen, 'submit');
  await waitFor(() => screen.findAll(n => n.props.testID === 'result').length > 0);
  const progress = textOf(byTestId(screen, 'progress'));
  for (const step of [
    'Authenticating',
    'Preparing the upload',
    'Uploading images',
    '100%',
    'Done',
  ]) {
    expect(progress).toContain(step);
  }
  const result = textOf(byTestId(screen, 'result'));
  expect(result).toContain('Approved');
  expect(result).toMatch(/ResultCode\s+0840/);
  expect(result).toMatch(/ResultText\s+Enroll User/);
  expect(result).toMatch(/user_id\s+user-42/);
  expect(result).toMatch(/Liveness Check\s+Passed/);
  expect(result).not.toContain('Not Applicable');
  // A successful job releases its tag: capture again for the next job.
  expect(textOf(screen)).toContain('Take a SmartSelfie');

  expect(screen.findAll(n => n.props.testID === 'raw-json')).toHaveLength(0);
  await press(screen, 'toggle-json');
  expect(JSON.parse(textOf(byTestId(screen, 'raw-json')))).toMatchObject({
    code: '2302',
    result: { ResultCode: '0840', PartnerParams: { user_id: 'user-42' } },
  });
});

it('captures with the camera screen, and shows its error when the user closes it', async () => {
  const screen = await enrollScreen();
  mock.failNext('capture_cancelled', 'the user closed the camera screen');
  await press(screen, 'capture-camera');
  expect(textOf(byTestId(screen, 'error'))).toMatch(
    /capture_cancelled.*the user closed the camera screen/,
  );
  expect(byTestId(screen, 'submit').props.disabled).toBe(true);

  await press(screen, 'capture-camera');
  expect(screen.findAll(n => n.props.testID === 'error')).toHaveLength(0);
  expect(textOf(screen)).toContain('Captured as tag tag-mock-1');
});

it('cancels a running job', async () => {
  const screen = await enrollScreen();
  await press(screen, 'capture-bundled');
  // The mock's job advances on timers: frozen, the job stays running until cancelled.
  jest.useFakeTimers();
  try {
    await press(screen, 'submit');
    expect(screen.findAll(n => n.props.testID === 'queue')).toHaveLength(0);
    await press(screen, 'cancel');
  } finally {
    jest.useRealTimers();
  }
  expect(textOf(byTestId(screen, 'error'))).toMatch(/^cancelled/);
  expect(screen.findAll(n => n.props.testID === 'result')).toHaveLength(0);
});
