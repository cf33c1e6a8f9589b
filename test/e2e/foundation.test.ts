import * as assert from 'node:assert/strict';
import { openWorkbench, type Workbench } from './workbench';

describe('Fabric Workbench in a browser', function () {
  this.timeout(180_000);
  let workbench: Workbench;

  before(async () => {
    workbench = await openWorkbench();
  });
  after(async () => {
    await workbench?.close();
  });

  it('shows the Fabric container with the Workspaces welcome view', async () => {
    const { page } = workbench;
    await page.locator('.activitybar [aria-label^="Fabric"]').first().click();
    const welcome = page.locator('.welcome-view-content');
    await welcome.getByText('Sign in to Microsoft Fabric').waitFor({ timeout: 30_000 });
    assert.equal(await welcome.getByText('Use the local emulator').count(), 1);
    assert.ok(await page.locator('.pane-header', { hasText: 'Workspaces' }).isVisible());
    await workbench.screenshot('01-fabric-view-welcome');
  });

  it('opens the log channel from the command palette', async () => {
    const { page } = workbench;
    await workbench.runCommand('Fabric: Show Log');
    // The Output panel shows the channel chosen in its select box.
    await page.waitForFunction(
      `[...document.querySelectorAll('.panel select')].some((s) => s.selectedOptions[0]?.textContent?.includes('Fabric Workbench'))`,
      undefined,
      { timeout: 30_000 },
    );
    await workbench.screenshot('02-log-channel');
  });
});
