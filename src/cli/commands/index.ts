/** The built-in subcommands, in the order `imapwire --help` lists them. */
import { addSubcommand } from '../subcommands.js';
import { parseCommand } from './parse.js';
import { statsCommand } from './stats.js';
import { validateCommand } from './validate.js';
import { checkCommand } from './check.js';
import { runCommand } from '../run.js';

addSubcommand(parseCommand);
addSubcommand(validateCommand);
addSubcommand(checkCommand);
addSubcommand(statsCommand);
addSubcommand(runCommand);
