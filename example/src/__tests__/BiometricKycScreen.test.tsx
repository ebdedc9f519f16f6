import { BiometricKycScreen } from '../screens/BiometricKycScreen';
import { byTestId, press, renderScreen, textOf, type, waitFor } from './render';

const kycScreen = () => renderScreen(BiometricKycScreen);

it('runs Biometric KYC with the ID fields and shows the KYC result', async () => {
  const screen = await kycScreen();
  expect(byTestId(screen, 'id-country').props.value).toBe('NG');
  await type(screen, 'id-id_type', 'NIN');
  await type(screen, 'id-id_number', '12345678901');
  await press(screen, 'capture-bundled');
  await press(screen, 'submit');
  await waitFor(() => screen.findAll(n => n.props.testID === 'result').length > 0);
  const result = textOf(byTestId(screen, 'result'));
  expect(result).toMatch(/ResultCode\s+0810/);
  expect(result).toMatch(/ResultText\s+ID Number Validated/);
  expect(result).toMatch(/Country\s+NG/);
  expect(result).toMatch(/IDType\s+NIN/);
  expect(result).toMatch(/FullName\s+Joe Leo Doe/);
  expect(result).toMatch(/Verify ID Number\s+Verified/);
});

it('names the missing ID number', async () => {
  const screen = await kycScreen();
  await type(screen, 'id-id_number', '');
  await press(screen, 'capture-bundled');
  await press(screen, 'submit');
  await waitFor(() => screen.findAll(n => n.props.testID === 'error').length > 0);
  const error = textOf(byTestId(screen, 'error'));
  expect(error).toMatch(/^invalid_input/);
  expect(error).toContain('field: id_info.id_number');
});
