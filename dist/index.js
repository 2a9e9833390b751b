import { createRequire as __WEBPACK_EXTERNAL_createRequire } from "module";
/******/ var __webpack_modules__ = ({

/***/ 24:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:fs");

/***/ }),

/***/ 161:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:os");

/***/ }),

/***/ 760:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:path");

/***/ }),

/***/ 136:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:url");

/***/ }),

/***/ 529:
/***/ ((__webpack_module__, __unused_webpack___webpack_exports__, __nccwpck_require__) => {

__nccwpck_require__.a(__webpack_module__, async (__webpack_handle_async_dependencies__, __webpack_async_result__) => { try {
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(760);
/* harmony import */ var node_url__WEBPACK_IMPORTED_MODULE_1__ = __nccwpck_require__(136);
/* harmony import */ var _resolve_onnxruntime_js__WEBPACK_IMPORTED_MODULE_2__ = __nccwpck_require__(680);
/* harmony import */ var _shed_secrets_js__WEBPACK_IMPORTED_MODULE_3__ = __nccwpck_require__(769);
// dist/index.js: shed the credentials from this process image (shed-secrets.ts), link onnxruntime-node (resolve-onnxruntime.ts), then load the action's bundle. The modes that
// load no model (comment, merge; serve and serve-gate, which measure a server over HTTP) never load
// onnxruntime-node, so they skip it; a failure to provide it is one
// `::error::` line, never a stack trace.




const MODES_WITHOUT_ONNXRUNTIME = new Set(['comment', 'merge', 'serve', 'serve-gate']);
function provideOnnxRuntime() {
    const distDir = (0,node_path__WEBPACK_IMPORTED_MODULE_0__.dirname)((0,node_url__WEBPACK_IMPORTED_MODULE_1__.fileURLToPath)(import.meta.url));
    const workspace = process.env.GITHUB_WORKSPACE ?? process.cwd();
    const workingDirectory = process.env['INPUT_WORKING-DIRECTORY']?.trim() ?? '';
    const workspaces = workingDirectory === '' ? [workspace] : [(0,node_path__WEBPACK_IMPORTED_MODULE_0__.resolve)(workspace, workingDirectory), workspace];
    const runtime = (0,_resolve_onnxruntime_js__WEBPACK_IMPORTED_MODULE_2__/* .resolveOnnxRuntime */ .ao)(distDir, workspaces, (0,_resolve_onnxruntime_js__WEBPACK_IMPORTED_MODULE_2__/* .findCacheRoot */ .U7)(process.env));
    (0,_resolve_onnxruntime_js__WEBPACK_IMPORTED_MODULE_2__/* .linkOnnxRuntime */ ._V)(distDir, runtime);
    process.stdout.write(`embedprof: onnxruntime-node ${runtime.version} from the ${runtime.source} (${runtime.dir})\n`);
}
const unshed = (0,_shed_secrets_js__WEBPACK_IMPORTED_MODULE_3__/* .shedSecrets */ .k)();
if (unshed !== null)
    process.stdout.write(`::warning::embedprof could not re-execute without the tokens in its environment (${unshed.replace(/\r?\n/g, ' ')}): user code it runs can read them at /proc/${process.pid}/environ.\n`);
const mode = process.env.INPUT_MODE?.trim() ?? '';
try {
    if (!MODES_WITHOUT_ONNXRUNTIME.has(mode))
        provideOnnxRuntime();
}
catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const oneLine = message.replace(/\r?\n/g, ' ').replace(/%/g, '%25');
    process.stdout.write(`::error::embedprof could not provide onnxruntime-node: ${oneLine}. Add onnxruntime-node to your package.json (npm ci before this step), or check the runner's network and tool cache.\n`);
    process.exit(1);
}
const bundle = './action.js';
await import(/* webpackIgnore: true */ bundle);
//# sourceMappingURL=bootstrap.js.map
__webpack_async_result__();
} catch(e) { __webpack_async_result__(e); } }, 1);

/***/ }),

/***/ 680:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __nccwpck_require__) => {


// EXPORTS
__nccwpck_require__.d(__webpack_exports__, {
  U7: () => (/* binding */ findCacheRoot),
  _V: () => (/* binding */ linkOnnxRuntime),
  ao: () => (/* binding */ resolveOnnxRuntime)
});

// UNUSED EXPORTS: PINNED_ONNXRUNTIME_VERSION, installIntoToolCache

;// CONCATENATED MODULE: external "node:child_process"
const external_node_child_process_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:child_process");
// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __nccwpck_require__(24);
;// CONCATENATED MODULE: external "node:module"
const external_node_module_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:module");
// EXTERNAL MODULE: external "node:os"
var external_node_os_ = __nccwpck_require__(161);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __nccwpck_require__(760);
// EXTERNAL MODULE: ./build/src/ground/platform/secret-variables.js
var secret_variables = __nccwpck_require__(553);
;// CONCATENATED MODULE: ./build/src/faces/action/resolve-onnxruntime.js
/**
 * Where the action's bundle finds onnxruntime-node. ncc cannot bundle its native binaries, so dist/ imports it
 * as an external package, and before the bundle loads this makes `dist/node_modules/onnxruntime-node` a link
 * to, in order of preference:
 *   1. the user's workspace copy (node_modules of GITHUB_WORKSPACE / working-directory): the gate profiles
 *      the runtime they ship, and an onnxruntime upgrade in a pull request is measured as such;
 *   2. a copy already resolvable beside dist/ (a development checkout of embedprof);
 *   3. the pinned version installed once into the runner's tool cache (npm, with the CUDA download skipped).
 * Node builtins (and the builtin-free secret-variables.ts) only: this runs before anything else is loaded.
 */






const PINNED_ONNXRUNTIME_VERSION = '1.30.0';
/** npm's install of the pinned version (about 60 MB from the registry) is stopped after this long. */
const INSTALL_TIMEOUT_MS = 10 * 60_000;
const PACKAGE = 'onnxruntime-node';
function findPackageDir(fromFile) {
    try {
        return (0,external_node_path_.dirname)((0,external_node_module_namespaceObject.createRequire)(fromFile).resolve(`${PACKAGE}/package.json`));
    }
    catch {
        return null;
    }
}
function readVersion(dir) {
    const parsed = JSON.parse((0,external_node_fs_.readFileSync)((0,external_node_path_.join)(dir, 'package.json'), 'utf8'));
    const version = typeof parsed === 'object' && parsed !== null ? Reflect.get(parsed, 'version') : null;
    return typeof version === 'string' ? version : 'unknown';
}
/** Installs the pinned version under `cacheRoot` unless it is there already; returns the package folder. */
function installIntoToolCache(cacheRoot, version = PINNED_ONNXRUNTIME_VERSION) {
    const prefix = (0,external_node_path_.join)(cacheRoot, 'embedprof-onnxruntime-node', version);
    const dir = (0,external_node_path_.join)(prefix, 'node_modules', PACKAGE);
    if ((0,external_node_fs_.existsSync)((0,external_node_path_.join)(dir, 'package.json')))
        return dir;
    (0,external_node_fs_.mkdirSync)(prefix, { recursive: true });
    const args = [
        'install',
        '--no-save',
        '--no-audit',
        '--no-fund',
        '--prefix',
        prefix,
        `${PACKAGE}@${version}`,
    ];
    // npm runs the package's install script: third-party code, so no credential in its environment.
    const env = {
        ...(0,secret_variables/* splitSecretVariables */.O)(process.env).kept,
        ONNXRUNTIME_NODE_INSTALL: 'skip',
        npm_config_onnxruntime_node_install: 'skip',
    };
    (0,external_node_child_process_namespaceObject.execFileSync)('npm', args, { env, stdio: ['ignore', 'inherit', 'inherit'], timeout: INSTALL_TIMEOUT_MS });
    return dir;
}
/** Finds (or installs) onnxruntime-node for a bundle living in `distDir`, preferring the workspace's. */
function resolveOnnxRuntime(distDir, workspaces, cacheRoot) {
    for (const workspace of workspaces) {
        const dir = findPackageDir((0,external_node_path_.join)(workspace, 'package.json'));
        if (dir !== null)
            return { source: 'workspace', dir, version: readVersion(dir) };
    }
    const beside = findPackageDir((0,external_node_path_.join)(distDir, 'index.js'));
    if (beside !== null)
        return { source: 'beside-dist', dir: beside, version: readVersion(beside) };
    const dir = installIntoToolCache(cacheRoot);
    return { source: 'tool-cache', dir, version: readVersion(dir) };
}
/** Makes `distDir/node_modules/onnxruntime-node` point at `runtime.dir` (nothing to do when already beside). */
function linkOnnxRuntime(distDir, runtime) {
    if (runtime.source === 'beside-dist')
        return;
    const link = (0,external_node_path_.join)(distDir, 'node_modules', PACKAGE);
    (0,external_node_fs_.mkdirSync)((0,external_node_path_.dirname)(link), { recursive: true });
    (0,external_node_fs_.rmSync)(link, { recursive: true, force: true });
    (0,external_node_fs_.symlinkSync)(runtime.dir, link, 'dir');
}
/** The tool-cache root of a runner, or the temp folder elsewhere. */
function findCacheRoot(env) {
    return env.RUNNER_TOOL_CACHE ?? (0,external_node_path_.join)((0,external_node_os_.tmpdir)(), 'embedprof-tool-cache');
}
//# sourceMappingURL=resolve-onnxruntime.js.map

/***/ }),

/***/ 769:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   k: () => (/* binding */ shedSecrets)
/* harmony export */ });
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(24);
/* harmony import */ var node_os__WEBPACK_IMPORTED_MODULE_1__ = __nccwpck_require__(161);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2__ = __nccwpck_require__(760);
/* harmony import */ var _ground_platform_secret_variables_js__WEBPACK_IMPORTED_MODULE_3__ = __nccwpck_require__(553);
/**
 * The trust boundary of the action's own process. The runner starts `node dist/index.js` with the tokens in
 * its environment (INPUT_GITHUB-TOKEN, ACTIONS_RUNTIME_TOKEN, …), and a process's initial environment stays
 * readable at /proc/PID/environ by every process of the same user for as long as it lives, whatever
 * process.env later says. So, before anything else runs (no user code has started yet), the bootstrap moves
 * the credentials into a private file and replaces its own process image (process.execve: same pid, so the
 * runner waits on it as before) with an environment that holds none. The new image reads the file, deletes
 * it, and keeps the credentials in memory only (process.env set in-process does not change /proc/PID/environ).
 * docs/trust-boundary.md says what user code can still reach.
 */




/** Names the private file in the new image's environment. */
const HANDOFF_VARIABLE = 'EMBEDPROF_SECRETS_HANDOFF';
const HANDOFF_PREFIX = 'embedprof-handoff-';
const HANDOFF_FILE = 'secrets.json';
function writeHandoff(secrets, env) {
    const dir = (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.mkdtempSync)((0,node_path__WEBPACK_IMPORTED_MODULE_2__.join)(env.RUNNER_TEMP || (0,node_os__WEBPACK_IMPORTED_MODULE_1__.tmpdir)(), HANDOFF_PREFIX));
    const file = (0,node_path__WEBPACK_IMPORTED_MODULE_2__.join)(dir, HANDOFF_FILE);
    (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.writeFileSync)(file, JSON.stringify(secrets), { mode: 0o600, flag: 'wx' });
    return file;
}
function removeHandoff(file) {
    (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.rmSync)(file, { force: true });
    (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.rmSync)((0,node_path__WEBPACK_IMPORTED_MODULE_2__.dirname)(file), { recursive: true, force: true }); // the 0700 folder mkdtemp made for it alone
}
/** Only a file this module wrote: a handoff variable set by hand names nothing else to read or remove. */
function readHandoff(file) {
    const ours = (0,node_path__WEBPACK_IMPORTED_MODULE_2__.basename)(file) === HANDOFF_FILE && (0,node_path__WEBPACK_IMPORTED_MODULE_2__.basename)((0,node_path__WEBPACK_IMPORTED_MODULE_2__.dirname)(file)).startsWith(HANDOFF_PREFIX);
    if (!ours)
        throw new Error(`${HANDOFF_VARIABLE} names ${file}, not a file embedprof wrote`);
    try {
        return JSON.parse((0,node_fs__WEBPACK_IMPORTED_MODULE_0__.readFileSync)(file, 'utf8'));
    }
    finally {
        removeHandoff(file);
    }
}
/**
 * First call (the runner's image): re-executes this process without credentials; returns only where that is
 * impossible (no process.execve: Windows, Node < 22.15), with the reason. Second call (the new image): puts
 * the credentials back into process.env, in memory only. Returns null when the image holds no credential.
 */
function shedSecrets() {
    const handoff = process.env[HANDOFF_VARIABLE];
    if (handoff !== undefined) {
        delete process.env[HANDOFF_VARIABLE];
        Object.assign(process.env, readHandoff(handoff));
        return null;
    }
    const { kept, secrets } = (0,_ground_platform_secret_variables_js__WEBPACK_IMPORTED_MODULE_3__/* .splitSecretVariables */ .O)(process.env);
    if (Object.keys(secrets).length === 0)
        return null;
    const execve = process.execve;
    if (typeof execve !== 'function')
        return 'process.execve is not available on this platform';
    const argv = [process.execPath, ...process.execArgv, ...process.argv.slice(1)];
    let file = null;
    try {
        file = writeHandoff(secrets, process.env);
        execve.call(process, process.execPath, argv, { ...kept, [HANDOFF_VARIABLE]: file });
    }
    catch (error) {
        if (file !== null)
            removeHandoff(file);
        return error instanceof Error ? error.message : String(error);
    }
    return 'process.execve returned';
}
//# sourceMappingURL=shed-secrets.js.map

/***/ }),

/***/ 553:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   O: () => (/* binding */ splitSecretVariables)
/* harmony export */ });
/* unused harmony export isSecretVariable */
/**
 * The environment variables that hold credentials: GitHub and Actions tokens, Hugging Face tokens, the
 * runner's service credentials (ACTIONS_*) and the action's inputs (INPUT_*, which hold github-token). No
 * process that runs user code gets them (worker-env.ts), and the action sheds them from its own process image
 * before any user code starts (action/shed-secrets.ts).
 */
const SECRET_PATTERNS = [
    /^GITHUB_TOKEN$/i,
    /^GH_TOKEN$/i,
    /^HF_TOKEN$/i,
    /^HUGGING_FACE_HUB_TOKEN$/i,
    /^ACTIONS_/i,
    /^INPUT_/i,
];
function isSecretVariable(name) {
    return SECRET_PATTERNS.some((pattern) => pattern.test(name));
}
/** `env` split into the variables user code may see and the credentials it may not. */
function splitSecretVariables(env) {
    const kept = {};
    const secrets = {};
    for (const [name, value] of Object.entries(env)) {
        if (value === undefined)
            continue;
        if (isSecretVariable(name))
            secrets[name] = value;
        else
            kept[name] = value;
    }
    return { kept, secrets };
}
//# sourceMappingURL=secret-variables.js.map

/***/ })

/******/ });
/************************************************************************/
/******/ // The module cache
/******/ var __webpack_module_cache__ = {};
/******/ 
/******/ // The require function
/******/ function __nccwpck_require__(moduleId) {
/******/ 	// Check if module is in cache
/******/ 	var cachedModule = __webpack_module_cache__[moduleId];
/******/ 	if (cachedModule !== undefined) {
/******/ 		return cachedModule.exports;
/******/ 	}
/******/ 	// Create a new module (and put it into the cache)
/******/ 	var module = __webpack_module_cache__[moduleId] = {
/******/ 		// no module.id needed
/******/ 		// no module.loaded needed
/******/ 		exports: {}
/******/ 	};
/******/ 
/******/ 	// Execute the module function
/******/ 	var threw = true;
/******/ 	try {
/******/ 		__webpack_modules__[moduleId](module, module.exports, __nccwpck_require__);
/******/ 		threw = false;
/******/ 	} finally {
/******/ 		if(threw) delete __webpack_module_cache__[moduleId];
/******/ 	}
/******/ 
/******/ 	// Return the exports of the module
/******/ 	return module.exports;
/******/ }
/******/ 
/************************************************************************/
/******/ /* webpack/runtime/asset-relocator-loader */
/******/ if (typeof __nccwpck_require__ !== 'undefined') __nccwpck_require__.ab = decodeURIComponent(new URL('.', import.meta.url).pathname).slice(import.meta.url.match(/^file:\/\/\/\w:/) ? 1 : 0, -1) + "/";
/******/ 
/******/ /* webpack/runtime/async module */
/******/ (() => {
/******/ 	var webpackQueues = typeof Symbol === "function" ? Symbol("webpack queues") : "__webpack_queues__";
/******/ 	var webpackExports = typeof Symbol === "function" ? Symbol("webpack exports") : "__webpack_exports__";
/******/ 	var webpackError = typeof Symbol === "function" ? Symbol("webpack error") : "__webpack_error__";
/******/ 	var resolveQueue = (queue) => {
/******/ 		if(queue && queue.d < 1) {
/******/ 			queue.d = 1;
/******/ 			queue.forEach((fn) => (fn.r--));
/******/ 			queue.forEach((fn) => (fn.r-- ? fn.r++ : fn()));
/******/ 		}
/******/ 	}
/******/ 	var wrapDeps = (deps) => (deps.map((dep) => {
/******/ 		if(dep !== null && typeof dep === "object") {
/******/ 			if(dep[webpackQueues]) return dep;
/******/ 			if(dep.then) {
/******/ 				var queue = [];
/******/ 				queue.d = 0;
/******/ 				dep.then((r) => {
/******/ 					obj[webpackExports] = r;
/******/ 					resolveQueue(queue);
/******/ 				}, (e) => {
/******/ 					obj[webpackError] = e;
/******/ 					resolveQueue(queue);
/******/ 				});
/******/ 				var obj = {};
/******/ 				obj[webpackQueues] = (fn) => (fn(queue));
/******/ 				return obj;
/******/ 			}
/******/ 		}
/******/ 		var ret = {};
/******/ 		ret[webpackQueues] = x => {};
/******/ 		ret[webpackExports] = dep;
/******/ 		return ret;
/******/ 	}));
/******/ 	__nccwpck_require__.a = (module, body, hasAwait) => {
/******/ 		var queue;
/******/ 		hasAwait && ((queue = []).d = -1);
/******/ 		var depQueues = new Set();
/******/ 		var exports = module.exports;
/******/ 		var currentDeps;
/******/ 		var outerResolve;
/******/ 		var reject;
/******/ 		var promise = new Promise((resolve, rej) => {
/******/ 			reject = rej;
/******/ 			outerResolve = resolve;
/******/ 		});
/******/ 		promise[webpackExports] = exports;
/******/ 		promise[webpackQueues] = (fn) => (queue && fn(queue), depQueues.forEach(fn), promise["catch"](x => {}));
/******/ 		module.exports = promise;
/******/ 		body((deps) => {
/******/ 			currentDeps = wrapDeps(deps);
/******/ 			var fn;
/******/ 			var getResult = () => (currentDeps.map((d) => {
/******/ 				if(d[webpackError]) throw d[webpackError];
/******/ 				return d[webpackExports];
/******/ 			}))
/******/ 			var promise = new Promise((resolve) => {
/******/ 				fn = () => (resolve(getResult));
/******/ 				fn.r = 0;
/******/ 				var fnQueue = (q) => (q !== queue && !depQueues.has(q) && (depQueues.add(q), q && !q.d && (fn.r++, q.push(fn))));
/******/ 				currentDeps.map((dep) => (dep[webpackQueues](fnQueue)));
/******/ 			});
/******/ 			return fn.r ? promise : getResult();
/******/ 		}, (err) => ((err ? reject(promise[webpackError] = err) : outerResolve(exports)), resolveQueue(queue)));
/******/ 		queue && queue.d < 0 && (queue.d = 0);
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/define property getters */
/******/ (() => {
/******/ 	// define getter functions for harmony exports
/******/ 	__nccwpck_require__.d = (exports, definition) => {
/******/ 		for(var key in definition) {
/******/ 			if(__nccwpck_require__.o(definition, key) && !__nccwpck_require__.o(exports, key)) {
/******/ 				Object.defineProperty(exports, key, { enumerable: true, get: definition[key] });
/******/ 			}
/******/ 		}
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/hasOwnProperty shorthand */
/******/ (() => {
/******/ 	__nccwpck_require__.o = (obj, prop) => (Object.prototype.hasOwnProperty.call(obj, prop))
/******/ })();
/******/ 
/************************************************************************/
/******/ 
/******/ // startup
/******/ // Load entry module and return exports
/******/ // This entry module used 'module' so it can't be inlined
/******/ var __webpack_exports__ = __nccwpck_require__(529);
/******/ __webpack_exports__ = await __webpack_exports__;
/******/ 
