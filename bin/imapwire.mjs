#!/usr/bin/env node
import { start } from '../dist/cli/imapwire.mjs'; start();
