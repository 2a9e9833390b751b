/**
 * The workflow commands a runner would act on in a step's stdout (`::error title=T::message`), read the way
 * the runner reads them: at the start of a line, with `::stop-commands::TOKEN` … `::TOKEN::` suspending them,
 * and with the %-escapes of data and properties undone.
 */
export interface WorkflowCommand {
  command: string;
  properties: Record<string, string>;
  message: string;
}

function unescapeData(text: string): string {
  return text.replace(/%0D/g, '\r').replace(/%0A/g, '\n').replace(/%25/g, '%');
}

function unescapeProperty(text: string): string {
  return unescapeData(text).replace(/%3A/g, ':').replace(/%2C/g, ',');
}

function parseProperties(text: string): Record<string, string> {
  const properties: Record<string, string> = {};
  for (const pair of text === '' ? [] : text.split(',')) {
    const at = pair.indexOf('=');
    if (at > 0) properties[pair.slice(0, at)] = unescapeProperty(pair.slice(at + 1));
  }
  return properties;
}

export function parseWorkflowCommands(stdout: string): WorkflowCommand[] {
  const commands: WorkflowCommand[] = [];
  let resumeToken: string | null = null;
  for (const line of stdout.split('\n')) {
    const match = /^::([A-Za-z-]+)(?: ([^:]*))?::(.*)$/.exec(line.replace(/\r$/, ''));
    if (resumeToken !== null) {
      if (line === `::${resumeToken}::`) resumeToken = null;
      continue;
    }
    if (match === null) continue;
    const command = {
      command: match[1] ?? '',
      properties: parseProperties(match[2] ?? ''),
      message: unescapeData(match[3] ?? ''),
    };
    if (command.command === 'stop-commands') resumeToken = command.message;
    else commands.push(command);
  }
  return commands;
}

export function listMessages(commands: readonly WorkflowCommand[], command: string): string[] {
  return commands.filter((item) => item.command === command).map((item) => item.message);
}
