'use strict';
// Preloaded into the launcher (NODE_OPTIONS=--require) by npm/test/cross.test.js: Node reports the
// machine a cross-built package is for, and the binary the launcher spawns runs under the
// emulator that stands in for that machine (qemu-user for Linux arm64, wine for Windows x64),
// as that machine would run it itself. Everything else the launcher does is its own.

const childProcess = require('node:child_process');

const [platform, arch] = process.env.WXWORK_MIGRATE_TEST_PLATFORM.split('-');
const [emulator, ...emulatorArgs] = JSON.parse(process.env.WXWORK_MIGRATE_TEST_EMULATOR);
Object.defineProperty(process, 'platform', { value: platform });
Object.defineProperty(process, 'arch', { value: arch });

const spawnSync = childProcess.spawnSync;
childProcess.spawnSync = (file, args, options) => spawnSync(emulator, [...emulatorArgs, file, ...args], options);
