import { chromium } from '@playwright/test';
const [,, url, out, ...steps] = process.argv;
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'] });
const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
page.on('console', (m) => { if (m.type() === 'error') console.log('console error:', m.text()); });
page.on('pageerror', (e) => console.log('page error:', e.message));
await page.goto(url);
for (const s of steps) {
  if (s.startsWith('click:')) await page.getByText(s.slice(6), { exact: false }).first().click();
  else if (s.startsWith('goto:')) await page.goto(url + s.slice(5));
  else if (s.startsWith('wait:')) await page.waitForTimeout(Number(s.slice(5)));
}
await page.waitForTimeout(800);
await page.screenshot({ path: out, fullPage: false });
await browser.close();
