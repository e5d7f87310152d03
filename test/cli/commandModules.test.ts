import { describe, expect, it } from 'vitest';
import { COMMAND_MODULES } from '../../src/cli/commandModules.js';
import { runCli, runCliAsync } from '../../src/cli/main.js';

describe('the commands the process loads one at a time', () => {
  it('are the commands of the usage, in its order', () => {
    const listed = runCli(['--help'])
      .stdout.split('\n')
      .filter((line) => line.startsWith('  '))
      .map((line) => line.trim().split(' ')[0]);
    expect(Object.keys(COMMAND_MODULES)).toEqual(listed);
  });

  it.each(Object.keys(COMMAND_MODULES))('%s: the module gives the help main.ts prints', async (name) => {
    const command = await COMMAND_MODULES[name]!();
    let printed = '';
    const io = { stdout: { write: (text: string) => (printed += text) }, stderr: { write: () => true } };
    expect(await runCliAsync([name, '--help'], io, {})).toBe(0);
    expect(command.help + '\n').toBe(printed);
  });
});
