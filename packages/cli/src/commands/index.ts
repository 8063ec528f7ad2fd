// Every verb registers itself here; each lives in its own file.
import type { Command } from 'commander';
import type { CommandRunner } from '../command-runner.js';
import { registerGet } from './get.js';
import { registerDescribe } from './describe.js';
import { registerApply } from './apply.js';
import { registerCreate } from './create.js';
import { registerDelete } from './delete.js';
import { registerLabelAndAnnotate } from './label.js';
import { registerPatch } from './patch.js';
import { registerWait } from './wait.js';
import { registerApiResources } from './api-resources.js';
import { registerApiVersions } from './api-versions.js';
import { registerVersion } from './version.js';
import { registerClusterInfo } from './cluster-info.js';
import { registerConfig } from './config.js';
import { registerCompletion } from './completion.js';
import { registerClusterCommand } from '../cluster/index.js';

export function registerVerbs(program: Command, run: CommandRunner): void {
  registerGet(program, run);
  registerDescribe(program, run);
  registerApply(program, run);
  registerCreate(program, run);
  registerDelete(program, run);
  registerLabelAndAnnotate(program, run);
  registerPatch(program, run);
  registerWait(program, run);
  registerApiResources(program, run);
  registerApiVersions(program, run);
  registerVersion(program, run);
  registerClusterInfo(program, run);
  registerConfig(program, run);
  registerCompletion(program, run);
  registerClusterCommand(program);
}
