import { chromium, type Browser, type BrowserContext } from 'playwright-core';
import { describeWithChromium, recordCspViolations } from '../utils/browser';
import { createTestApp, type TestApp } from '../utils/test-app';

/**
 * The explorers in a real headless Chromium with the network cut off: every request that is not to
 * the service itself is aborted and recorded, so a page that needs a CDN fails here.
 */
describeWithChromium('explorers work offline in a real browser', (executablePath) => {
  let t: TestApp;
  let browser: Browser;
  let context: BrowserContext;
  let base: string;
  const external: string[] = [];

  beforeAll(async () => {
    t = await createTestApp();
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    const address = t.app.getHttpServer().address() as { port: number };
    base = `http://127.0.0.1:${address.port}`;
    browser = await chromium.launch({
      executablePath,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
    context = await browser.newContext();
    await context.route('**/*', (route) => {
      const url = route.request().url();
      if (url.startsWith(base) || url.startsWith('data:') || url.startsWith('blob:')) return route.continue();
      external.push(url);
      return route.abort('internetdisconnected');
    });
  }, 60000);

  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('GET /graphql opens GraphiQL, which runs a query against the service', async () => {
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    const violations = await recordCspViolations(page);
    await page.goto(`${base}/graphql`, { waitUntil: 'load' });
    await page.waitForSelector('.graphiql-container', { timeout: 20000 });
    await page.click('.graphiql-execute-button');
    const result = page.locator('.graphiql-response .CodeMirror, .result-window');
    await expectEventually(async () => (await result.first().innerText()).includes('"dataVersions"'));
    expect(errors).toEqual([]);
    expect(violations).toEqual([]);
    expect(external).toEqual([]);
    await page.close();
  }, 60000);

  it('GET /docs renders the OpenAPI UI with the operation list', async () => {
    const page = await context.newPage();
    const violations = await recordCspViolations(page);
    await page.goto(`${base}/docs`, { waitUntil: 'load' });
    await page.waitForSelector('.opblock', { timeout: 20000 });
    const paths = await page.locator('.opblock-summary-path').allInnerTexts();
    expect(paths.map((p) => p.replace(/\u200b/g, ''))).toEqual(expect.arrayContaining(['/v1/data-versions', '/health/ready']));
    expect(external).toEqual([]);
    expect(violations).toEqual([]);
    await page.close();
  }, 60000);

  it('GET /docs: "Try it out" then "Execute" on POST /v1/estimates answers 200 with the pre-filled example', async () => {
    const page = await context.newPage();
    page.setDefaultTimeout(30000);
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    const violations = await recordCspViolations(page);
    const step = async (what: string, action: () => Promise<unknown>) => {
      try {
        await action();
      } catch (err) {
        const shown = (
          await page
            .locator('body')
            .innerText()
            .catch(() => '')
        ).slice(0, 2000);
        throw new Error(`${what}: ${(err as Error).message.split('\n')[0]}\nThe page shows:\n${shown}`, { cause: err });
      }
    };
    await page.goto(`${base}/docs`, { waitUntil: 'load' });
    // Swagger UI gives each operation the id operations-<tag>-<operationId>.
    const op = page.locator('#operations-estimates-Estimates_estimate');
    await step('open the operation', () => op.locator('.opblock-summary-control, .opblock-summary').first().click());
    await step('click "Try it out"', () => op.locator('button.try-out__btn').click());
    await step('click "Execute"', () => op.locator('button.execute').click());
    const status = op.locator('.live-responses-table tbody .response-col_status').first();
    await step('read the response status', () => status.waitFor());
    const body = await op.locator('.live-responses-table tbody .response-col_description').first().innerText();
    expect({ status: (await status.innerText()).trim(), body: body.slice(0, 300) }).toMatchObject({ status: '200' });
    expect(body).toContain('"co2eKg"');
    expect(errors).toEqual([]);
    expect(violations).toEqual([]);
    expect(external).toEqual([]);
    await page.close();
  }, 150000);
});

async function expectEventually(check: () => Promise<boolean>, timeoutMs = 15000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check().catch(() => false)) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error('condition not met in time');
}
