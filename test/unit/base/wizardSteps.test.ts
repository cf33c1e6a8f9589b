import assert from 'node:assert/strict';
import { WizardSteps } from '../../../src/base/wizardSteps';

interface State {
  kind?: 'secret' | 'certificate';
  skipName?: boolean;
}

const steps = new WizardSteps<'kind' | 'name' | 'secret' | 'certificate', State>([
  { name: 'kind' },
  { name: 'name', shouldPrompt: (s) => !s.skipName },
  { name: 'secret', shouldPrompt: (s) => (s.kind === undefined ? undefined : s.kind === 'secret') },
  { name: 'certificate', shouldPrompt: (s) => (s.kind === undefined ? undefined : s.kind === 'certificate') },
]);

describe('WizardSteps', () => {
  it('counts only the steps that will prompt', () => {
    assert.deepEqual(steps.at('kind', { kind: 'certificate' }), { step: 1, totalSteps: 3 });
    assert.deepEqual(steps.at('certificate', { kind: 'certificate' }), { step: 3, totalSteps: 3 });
  });

  it('does not count a step that will not prompt, before or after the current one', () => {
    assert.deepEqual(steps.at('secret', { kind: 'secret', skipName: true }), { step: 2, totalSteps: 2 });
    assert.deepEqual(steps.at('kind', { kind: 'secret', skipName: true }), { step: 1, totalSteps: 2 });
  });

  it('shows no total while a later step depends on an answer not given yet', () => {
    assert.deepEqual(steps.at('name', {}), { step: 2 });
  });
});
