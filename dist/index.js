import { createRequire as __WEBPACK_EXTERNAL_createRequire } from "module";
/******/ var __webpack_modules__ = ({

/***/ 760:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:path");

/***/ }),

/***/ 136:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:url");

/***/ }),

/***/ 986:
/***/ ((__webpack_module__, __unused_webpack___webpack_exports__, __nccwpck_require__) => {

__nccwpck_require__.a(__webpack_module__, async (__webpack_handle_async_dependencies__, __webpack_async_result__) => { try {
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(760);
/* harmony import */ var node_url__WEBPACK_IMPORTED_MODULE_1__ = __nccwpck_require__(136);
/* harmony import */ var _resolve_onnxruntime_js__WEBPACK_IMPORTED_MODULE_2__ = __nccwpck_require__(242);
// dist/index.js: link onnxruntime-node (resolve-onnxruntime.ts), then load the action's bundle. The modes that
// measure nothing (comment, merge) never load onnxruntime-node, so they skip it; a failure to provide it is one
// `::error::` line, never a stack trace.



const MODES_WITHOUT_ONNXRUNTIME = new Set(['comment', 'merge']);
function provideOnnxRuntime() {
    const distDir = (0,node_path__WEBPACK_IMPORTED_MODULE_0__.dirname)((0,node_url__WEBPACK_IMPORTED_MODULE_1__.fileURLToPath)(import.meta.url));
    const workspace = process.env.GITHUB_WORKSPACE ?? process.cwd();
    const workingDirectory = process.env['INPUT_WORKING-DIRECTORY']?.trim() ?? '';
    const workspaces = workingDirectory === '' ? [workspace] : [(0,node_path__WEBPACK_IMPORTED_MODULE_0__.resolve)(workspace, workingDirectory), workspace];
    const runtime = (0,_resolve_onnxruntime_js__WEBPACK_IMPORTED_MODULE_2__/* .resolveOnnxRuntime */ .ao)(distDir, workspaces, (0,_resolve_onnxruntime_js__WEBPACK_IMPORTED_MODULE_2__/* .findCacheRoot */ .U7)(process.env));
    (0,_resolve_onnxruntime_js__WEBPACK_IMPORTED_MODULE_2__/* .linkOnnxRuntime */ ._V)(distDir, runtime);
    process.stdout.write(`embedprof: onnxruntime-node ${runtime.version} from the ${runtime.source} (${runtime.dir})\n`);
}
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

/***/ 242:
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
;// CONCATENATED MODULE: external "node:fs"
const external_node_fs_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:fs");
;// CONCATENATED MODULE: external "node:module"
const external_node_module_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:module");
;// CONCATENATED MODULE: external "node:os"
const external_node_os_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:os");
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __nccwpck_require__(760);
;// CONCATENATED MODULE: ./build/src/action/resolve-onnxruntime.js
/**
 * Where the action's bundle finds onnxruntime-node. ncc cannot bundle its native binaries, so dist/ imports it
 * as an external package, and before the bundle loads this makes `dist/node_modules/onnxruntime-node` a link
 * to, in order of preference:
 *   1. the user's workspace copy (node_modules of GITHUB_WORKSPACE / working-directory): the gate profiles
 *      the runtime they ship, and an onnxruntime upgrade in a pull request is measured as such;
 *   2. a copy already resolvable beside dist/ (a development checkout of embedprof);
 *   3. the pinned version installed once into the runner's tool cache (npm, with the CUDA download skipped).
 * Node builtins only: this runs before anything else is loaded.
 */





const PINNED_ONNXRUNTIME_VERSION = '1.30.0';
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
    const parsed = JSON.parse((0,external_node_fs_namespaceObject.readFileSync)((0,external_node_path_.join)(dir, 'package.json'), 'utf8'));
    const version = typeof parsed === 'object' && parsed !== null ? Reflect.get(parsed, 'version') : null;
    return typeof version === 'string' ? version : 'unknown';
}
/** Installs the pinned version under `cacheRoot` unless it is there already; returns the package folder. */
function installIntoToolCache(cacheRoot, version = PINNED_ONNXRUNTIME_VERSION) {
    const prefix = (0,external_node_path_.join)(cacheRoot, 'embedprof-onnxruntime-node', version);
    const dir = (0,external_node_path_.join)(prefix, 'node_modules', PACKAGE);
    if ((0,external_node_fs_namespaceObject.existsSync)((0,external_node_path_.join)(dir, 'package.json')))
        return dir;
    (0,external_node_fs_namespaceObject.mkdirSync)(prefix, { recursive: true });
    const args = [
        'install',
        '--no-save',
        '--no-audit',
        '--no-fund',
        '--prefix',
        prefix,
        `${PACKAGE}@${version}`,
    ];
    const env = {
        ...process.env,
        ONNXRUNTIME_NODE_INSTALL: 'skip',
        npm_config_onnxruntime_node_install: 'skip',
    };
    (0,external_node_child_process_namespaceObject.execFileSync)('npm', args, { env, stdio: ['ignore', 'inherit', 'inherit'] });
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
    (0,external_node_fs_namespaceObject.mkdirSync)((0,external_node_path_.dirname)(link), { recursive: true });
    (0,external_node_fs_namespaceObject.rmSync)(link, { recursive: true, force: true });
    (0,external_node_fs_namespaceObject.symlinkSync)(runtime.dir, link, 'dir');
}
/** The tool-cache root of a runner, or the temp folder elsewhere. */
function findCacheRoot(env) {
    return env.RUNNER_TOOL_CACHE ?? (0,external_node_path_.join)((0,external_node_os_namespaceObject.tmpdir)(), 'embedprof-tool-cache');
}
//# sourceMappingURL=resolve-onnxruntime.js.map

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
/******/ var __webpack_exports__ = __nccwpck_require__(986);
/******/ __webpack_exports__ = await __webpack_exports__;
/******/ 
