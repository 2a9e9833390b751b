/**
 * The ActionPlatform of a real run, over @actions/core, @actions/github and @actions/artifact. Only
 * src/faces/action/ imports @actions/*; everything else in the action works against the interface.
 */
import { tmpdir } from 'node:os';
import * as core from '@actions/core';
import type { ActionEvent, ActionPlatform, ArtifactRequest } from './action-platform.js';
import { readEventFile } from './event-file.js';
import { createOctokitClient } from './github-client.js';

async function uploadArtifact(request: ArtifactRequest): Promise<number | null> {
  const options = request.retentionDays === null ? {} : { retentionDays: request.retentionDays };
  // Loaded on use: @actions/artifact imports @actions/github, which parses GITHUB_EVENT_PATH at import.
  const { DefaultArtifactClient } = await import('@actions/artifact');
  const client = new DefaultArtifactClient();
  const uploaded = await client.uploadArtifact(request.name, request.files, request.rootDirectory, options);
  return uploaded.id ?? null;
}

export function createPlatform(): ActionPlatform {
  let event: ActionEvent | null = null;
  return {
    /** Read on first use, inside runAction's error handling: a damaged payload file is one `::error::`. */
    get event() {
      return (event ??= readEventFile(process.env));
    },
    repository: process.env.GITHUB_REPOSITORY,
    tempDir: process.env.RUNNER_TEMP || tmpdir(),
    workspace: process.env.GITHUB_WORKSPACE || process.cwd(),
    getInput: (name) => core.getInput(name),
    setOutput: (name, value) => core.setOutput(name, value),
    setSecret: (secret) => core.setSecret(secret),
    info: (message) => core.info(message),
    warning: (message, properties) => core.warning(message, properties),
    error: (message, properties) => core.error(message, properties),
    setFailed: (message) => core.setFailed(message),
    writeSummary: async (markdown) => void (await core.summary.addRaw(markdown, true).write()),
    createGitHubClient: createOctokitClient,
    uploadArtifact,
    chdir: (dir) => process.chdir(dir),
  };
}
