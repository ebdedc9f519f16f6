import { DocumentVerificationScreen } from '../screens/DocumentVerificationScreen';
import { byTestId, mock, press, renderScreen, textOf, waitFor } from './render';

const has = (scope: ReturnType<typeof byTestId>, testID: string) => () =>
  scope.findAll(n => n.props.testID === testID).length > 0;

async function documentScreen() {
  const screen = await renderScreen(DocumentVerificationScreen);
  await waitFor(has(screen, 'country-NG'));
  return screen;
}

it('verifies a passport: front only, as validDocuments() says', async () => {
  const screen = await documentScreen();
  expect(textOf(screen)).toContain('South Africa');
  expect(byTestId(screen, 'id-type-PASSPORT').props.accessibilityState).toEqual({
    selected: true,
  });
  expect(textOf(byTestId(screen, 'document-hint'))).toContain('Take the selfie first');
  await press(screen, 'capture-bundled');
  expect(textOf(byTestId(screen, 'document-hint'))).toContain('front (this document has no back)');
  expect(byTestId(screen, 'submit').props.disabled).toBe(true);
  await press(screen, 'document-bundled');
  expect(textOf(byTestId(screen, 'document-hint'))).toBe('Added to tag tag-mock-1: the front.');

  await press(screen, 'submit');
  await waitFor(has(screen, 'result'));
  const result = textOf(byTestId(screen, 'result'));
  expect(result).toContain('Approved');
  expect(result).toMatch(/ResultText\s+Document Verified/);
  expect(result).toMatch(/IDType\s+PASSPORT/);
  expect(result).toMatch(/ExpirationDate\s+2031-12-31/);
  expect(result).toMatch(/Document Check\s+Passed/);
  expect(result).toMatch(/Selfie To ID Card Compare\s+Completed/);
  expect(result).not.toContain('Verify Document');
});

it('photographs both sides of a national ID and runs the enhanced job', async () => {
  const screen = await documentScreen();
  await press(screen, 'product-11');
  await press(screen, 'country-KE');
  await press(screen, 'id-type-NATIONAL_ID');
  await press(screen, 'capture-bundled');
  expect(textOf(byTestId(screen, 'document-hint'))).toContain("document's front and back");
  await press(screen, 'document-bundled');
  expect(textOf(byTestId(screen, 'document-hint'))).toContain('the front and back');
  await press(screen, 'submit');
  await waitFor(has(screen, 'result'));
  const result = textOf(byTestId(screen, 'result'));
  expect(result).toMatch(/Country\s+KE/);
  expect(result).toMatch(/IDType\s+NATIONAL_ID/);
  expect(result).toMatch(/Verify Document\s+Verified/);
});

it('shows a document photo refused, naming its side', async () => {
  const screen = await documentScreen();
  await press(screen, 'id-type-DRIVERS_LICENSE');
  await press(screen, 'capture-bundled');
  mock.failNext('invalid_image', 'too dark: mean brightness 22 of 255, at least 40 needed', 'back');
  await press(screen, 'document-bundled');
  const error = textOf(byTestId(screen, 'error'));
  expect(error).toMatch(/^invalid_image/);
  expect(error).toContain('field: back');
  expect(error).toContain('too dark');
  expect(byTestId(screen, 'submit').props.disabled).toBe(true);
});
