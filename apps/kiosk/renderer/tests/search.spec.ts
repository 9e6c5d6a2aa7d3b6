import { expect, test } from './fixtures';

test('"sexsiyyet", typed without Azerbaijani letters, finds "Şəxsiyyət vəsiqəsinin verilməsi"', async ({
  openKiosk,
}) => {
  const kiosk = await openKiosk();
  await kiosk.startIn('az');
  await kiosk.tap('open-search');
  await kiosk.expectScreen('search');
  await kiosk.type('sexsiyyet');
  await expect(kiosk.byTestId('search-field')).toContainText('SEXSIYYET');
  const first = kiosk.page.locator('.service-row').first();
  await expect(first).toContainText('Şəxsiyyət vəsiqəsinin verilməsi');
  await expect(first).toContainText('Daxili İşlər Nazirliyi');
  await first.tap();
  await kiosk.expectScreen('service');
  await expect(kiosk.page.getByRole('heading', { level: 1 })).toHaveText('Şəxsiyyət vəsiqəsinin verilməsi');
  // Back from the service returns to the results, query kept.
  await kiosk.tap('back');
  await kiosk.expectScreen('search');
  await expect(kiosk.byTestId('search-field')).toContainText('SEXSIYYET');
});

test('the Azerbaijani keys type their own letters, and still match plain spellings', async ({
  openKiosk,
}) => {
  const kiosk = await openKiosk();
  await kiosk.startIn('az');
  await kiosk.tap('open-search');
  await kiosk.type('ƏMLAK');
  await expect(kiosk.byTestId('search-field')).toContainText('ƏMLAK');
  // The agency's name matches too: every service of the property agency is listed.
  await expect(kiosk.page.locator('.service-row')).toHaveCount(3);
  await expect(kiosk.byTestId('service-prop-extract')).toBeVisible();
});

test('Russian searches in Cyrillic, and in Latin through the other alphabet', async ({ openKiosk }) => {
  const kiosk = await openKiosk();
  await kiosk.startIn('ru');
  await kiosk.tap('open-search');
  await expect(kiosk.page.locator('.keyboard [data-key="Ж"]')).toBeVisible();
  await kiosk.type('паспорт');
  await expect(kiosk.byTestId('service-dim-passport')).toContainText('Общегражданский паспорт');

  await kiosk.tap('key-clear');
  await expect(kiosk.page.locator('.service-row')).toHaveCount(0);
  await kiosk.tap('key-alphabet');
  await kiosk.type('vergi');
  // Found through the Azerbaijani name, shown in Russian.
  await expect(kiosk.byTestId('service-tax-declaration')).toContainText('Подача декларации');
});

test('erase, clear and a query that finds nothing', async ({ openKiosk }) => {
  const kiosk = await openKiosk();
  const m = kiosk.messages('en');
  await kiosk.startIn('en');
  await kiosk.tap('open-search');
  await expect(kiosk.byTestId('search-field')).toContainText(m.search.placeholder);
  await kiosk.type('qqq');
  await expect(kiosk.byTestId('no-results')).toHaveText(m.search.noResults);
  await kiosk.tap('key-erase');
  await kiosk.tap('key-erase');
  await kiosk.tap('key-erase');
  await expect(kiosk.byTestId('search-field')).toContainText(m.search.placeholder);
  await kiosk.type('gas');
  await expect(kiosk.byTestId('service-util-gas')).toBeVisible();
  await kiosk.tap('key-clear');
  await expect(kiosk.byTestId('search-field')).toContainText(m.search.placeholder);
});
