import { describe, expect, it } from 'vitest';
import { Command } from 'commander';
import { defaultCatalog } from '@kctl/shared';
import { completionModel } from './completion/completion-model.js';
import { bashCompletionScript, zshCompletionScript } from './completion/bash-script.js';

function program(): Command {
  const root = new Command('kctl').option('-n, --namespace <ns>');
  root.command('get').option('-o, --output <format>').option('-l, --selector <s>');
  root.command('config').command('use-context');
  return root;
}

describe('kctl completion', () => {
  const model = completionModel(program(), defaultCatalog);

  it('knows the verbs, their flags, subcommands and resource type names', () => {
    expect(model.commands.map((c) => c.name)).toEqual(['get', 'config']);
    expect(model.commands[0]?.flags).toEqual(['--output', '-o', '--selector', '-l']);
    expect(model.commands[1]?.subcommands).toEqual(['use-context']);
    expect(model.resourceTypes).toEqual(expect.arrayContaining(['pods', 'pod', 'po', 'deployments', 'deploy']));
  });

  it('writes a bash script that registers _kctl and completes names through kctl get', () => {
    const script = bashCompletionScript(model);
    expect(script).toContain('local commands="get config"');
    expect(script).toContain('get) flags="--output -o --selector -l" ;;');
    expect(script).toContain('kctl get "$1" -o name');
    expect(script).toMatch(/complete -o default -F _kctl kctl\n$/);
  });

  it('wraps the same function for zsh', () => {
    const script = zshCompletionScript(model);
    expect(script.startsWith('#compdef kctl')).toBe(true);
    expect(script).toContain('bashcompinit');
    expect(script).toContain('_kctl()');
  });
});
