// Drives the web build of the example app in headless Chromium and saves each screen as a PNG
// in example/docs/: the same taps a user makes, on the package's shipped mock.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const web = path.dirname(fileURLToPath(import.meta.url));
const docs = path.join(web, '../docs');
const chromiumPath = process.env.CHROMIUM ?? '/usr/bin/chromium';

const browser = await chromium.launch({ executablePath: chromiumPath, args: ['--no-sandbox'] });
const page = await browser.newPage({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2 });
// Fixed clock and random ids, so a refresh changes a picture only when the app changed.
await page.addInitScript(() => {
  let seed = 17;
  Math.random = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
  const now = Date.UTC(2026, 11, 1, 9, 30);
  Date.now = () => now;
});
page.on('pageerror', e => {
  throw e;
});

const on = (screen, testID) => `[data-testid="screen-${screen}"] [data-testid="${testID}"]`;
const tap = selector => page.click(selector);
/** Scrolls `selector` into view at the bottom of the screen and saves the page as NAME.png. */
async function shot(name, selector) {
  await page.evaluate(() => document.activeElement?.blur());
  if (selector) {
    await page.locator(selector).evaluate(el => el.scrollIntoView({ block: 'end' }));
  }
  await page.screenshot({ path: path.join(docs, `${name}.png`) });
  console.log(`${name}.png`);
}

async function open() {
  await page.goto(`file://${path.join(web, 'index.html')}`);
  await page.waitForSelector('[data-testid="screen-enroll"]');
}

/**
 * Takes a selfie on `screen` (camera or bundled) and waits until the job can be sent (a document
 * job: until its document can be added).
 */
async function capture(screen, source) {
  await tap(on(screen, `capture-${source}`));
  const next = screen === 'document' ? 'document-bundled' : 'submit';
  await page.waitForSelector(`${on(screen, next)}:not([aria-disabled="true"])`);
}
/** Submits the job on `screen` and waits for its result. */
async function submit(screen) {
  await tap(on(screen, 'submit'));
  await page.waitForSelector(on(screen, 'result'));
}

// Enroll: capture, submit, progress and result.
await open();
await page.fill(on('enroll', 'user-id'), 'user-17');
await capture('enroll', 'bundled');
await shot('01-enroll-captured');
await submit('enroll');
await shot('02-enroll-result', on('enroll', 'result'));
await tap(on('enroll', 'toggle-json'));
await shot('03-enroll-raw-json', on('enroll', 'raw-json'));

// Authenticate the enrolled user.
await tap('[data-testid="tab-authenticate"]');
await capture('authenticate', 'camera');
await submit('authenticate');
await shot('04-authenticate-result', on('authenticate', 'result'));

// Biometric KYC: the ID form, then the result.
await tap('[data-testid="tab-kyc"]');
await capture('kyc', 'bundled');
await shot('05-kyc-form');
await submit('kyc');
await shot('06-kyc-result', on('kyc', 'result'));

// An error: the user closes the camera screen.
await open();
await page.evaluate(() =>
  window.smileidMock.failNext('capture_cancelled', 'the user closed the camera screen'),
);
await tap(on('enroll', 'capture-camera'));
await page.waitForSelector(on('enroll', 'error'));
await shot('07-error-capture-cancelled');

// A missing field, as the package names it.
await tap('[data-testid="tab-kyc"]');
await page.fill(on('kyc', 'id-id_number'), '');
await capture('kyc', 'bundled');
await tap(on('kyc', 'submit'));
await page.waitForSelector(on('kyc', 'error'));
await shot('08-error-missing-id-number', on('kyc', 'error'));

// Jobs: an incomplete job, its status check, and a queued job.
await open();
await page.fill(on('enroll', 'user-id'), 'user-19');
await page.evaluate(() => window.smileidMock.incompleteNext('timedOut'));
await capture('enroll', 'bundled');
await submit('enroll');
await tap('[data-testid="tab-authenticate"]');
await capture('authenticate', 'bundled');
await page.fill(on('authenticate', 'user-id'), 'user-19');
await tap(on('authenticate', 'queue'));
await page.waitForSelector(on('authenticate', 'queued'));
await tap('[data-testid="tab-jobs"]');
await page.waitForSelector('[data-testid="screen-jobs"] [data-testid="check-status"]');
await shot('09-jobs');
await tap('[data-testid="screen-jobs"] [data-testid="check-status"]');
await tap('[data-testid="screen-jobs"] [data-testid="resume"]');
await page.waitForSelector('[data-testid="screen-jobs"] [data-testid="resumed"]');
await shot('10-jobs-resumed');

// Enhanced KYC: the pickers from services(), then the authority's answer.
await open();
await tap('[data-testid="tab-ekyc"]');
await page.waitForSelector(on('ekyc', 'country-NG'));
await tap(on('ekyc', 'id-type-BANK_ACCOUNT'));
await tap(on('ekyc', 'id-type-BVN'));
await shot('11-ekyc-form');
await tap(on('ekyc', 'submit'));
await page.waitForSelector(on('ekyc', 'result'));
await shot('12-ekyc-result', on('ekyc', 'result'));

// Document Verification: a national ID (validDocuments() says it has a back), both sides added.
await tap('[data-testid="tab-document"]');
await page.waitForSelector(on('document', 'country-NG'));
await tap(on('document', 'id-type-NATIONAL_ID'));
await capture('document', 'bundled');
await tap(on('document', 'document-bundled'));
await page.waitForFunction(
  selector => document.querySelector(selector)?.textContent?.startsWith('Added'),
  on('document', 'document-hint'),
);
await shot('13-document-form', on('document', 'document-hint'));
await submit('document');
await shot('14-document-result', on('document', 'result'));

// A document photo refused, as the package names it.
await open();
await tap('[data-testid="tab-document"]');
await page.waitForSelector(on('document', 'country-NG'));
await tap(on('document', 'id-type-DRIVERS_LICENSE'));
await capture('document', 'bundled');
await page.evaluate(() =>
  window.smileidMock.failNext(
    'invalid_image',
    'too dark: mean brightness 22 of 255, at least 40 needed; photograph the document in ' +
      'better light',
    'back',
  ),
);
await tap(on('document', 'document-bundled'));
await page.waitForSelector(on('document', 'error'));
await shot('15-error-document-too-dark', on('document', 'error'));

await browser.close();
