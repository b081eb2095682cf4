#!/usr/bin/env node
// Real-browser tests of a generated site in headless Debian Chromium,
// driven by playwright-core, with axe-core for WCAG 2.1 A/AA.
//
// Usage: node tests/browser/run.mjs SITE_DIR [SHOT_DIR]
//
// SITE_DIR is served by a small built-in HTTP server on 127.0.0.1 under a
// sub-path (PREFIX below) to prove that every link is relative; a few pages
// are also opened through file:// URLs. One line per failure, then exactly
//   browser: N passed, M failed
// and exit code 1 when M > 0. SHOT_DIR, when given, receives full-page
// screenshots (1280×900 and 375×812) of the index, an order, the roadmap
// and the cases bank. NV_AXE_ALL=1 runs axe on every page, not only on the
// sample pages. NV_CHROMIUM overrides /usr/bin/chromium. NV_TIMES=1
// prints the time of each test. Playwright starts Chromium with a fresh
// temporary --user-data-dir of its own and removes it on close.
//
// What the site must provide (the contract with themes/default) is listed
// in tests/browser/README.md.

import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const CHROMIUM = process.env.NV_CHROMIUM || '/usr/bin/chromium';
const CHROMIUM_ARGS = [
	'--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
	'--disable-background-networking', '--disable-component-update', '--disable-sync',
];
const PREFIX = '/pedagogam/nastavnichestvo/';
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
const TEST_TIMEOUT = 60000;
const VI_TEXT = /версия\s+для\s+слабовидящих/i;
const ENLARGE = 1.25;

const MIME = {
	'.html': 'text/html; charset=utf-8', '.htm': 'text/html; charset=utf-8',
	'.css': 'text/css; charset=utf-8', '.js': 'text/javascript; charset=utf-8',
	'.mjs': 'text/javascript; charset=utf-8', '.json': 'application/json; charset=utf-8',
	'.map': 'application/json; charset=utf-8', '.svg': 'image/svg+xml',
	'.xml': 'application/xml; charset=utf-8', '.atom': 'application/atom+xml; charset=utf-8',
	'.ics': 'text/calendar; charset=utf-8', '.pdf': 'application/pdf',
	'.txt': 'text/plain; charset=utf-8', '.csv': 'text/csv; charset=utf-8',
	'.png': 'image/png', '.jpg': 'image/jpeg', '.jpeg': 'image/jpeg', '.gif': 'image/gif',
	'.webp': 'image/webp', '.ico': 'image/x-icon', '.woff2': 'font/woff2', '.woff': 'font/woff',
	'.ttf': 'font/ttf', '.otf': 'font/otf', '.webmanifest': 'application/manifest+json',
	'.doc': 'application/msword', '.xls': 'application/vnd.ms-excel',
	'.docx': 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
	'.xlsx': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
	'.odt': 'application/vnd.oasis.opendocument.text',
	'.ods': 'application/vnd.oasis.opendocument.spreadsheet',
	'.rtf': 'application/rtf', '.zip': 'application/zip',
};

let passed = 0;
let failed = 0;

function summary() {
	console.log(`browser: ${passed} passed, ${failed} failed`);
	return failed > 0 ? 1 : 0;
}

// A precondition that makes the whole suite meaningless: one failure.
function fatal(msg) {
	console.log(`browser: ${msg}`);
	console.log('browser: 0 passed, 1 failed');
	process.exit(1);
}

function withTimeout(promise, ms, what) {
	let timer;
	return Promise.race([
		promise,
		new Promise((_, reject) => {
			timer = setTimeout(() => reject(new Error(`${what}: не уложился в ${ms / 1000} с`)), ms);
		}),
	]).finally(() => clearTimeout(timer));
}

// test NAME FN: FN returns a list of problems (empty = passed) or throws.
// NV_TIMES=1 prints how long each test took.
async function test(name, fn) {
	const t0 = Date.now();
	let problems;
	try {
		problems = await withTimeout(Promise.resolve().then(fn), TEST_TIMEOUT, name);
	} catch (e) {
		problems = [`исключение: ${(e && e.message ? e.message : String(e)).split('\n')[0]}`];
	}
	if (process.env.NV_TIMES === '1') console.log(`browser: ${Date.now() - t0} мс ${name}`);
	problems = [...new Set(problems || [])];
	if (problems.length === 0) {
		passed++;
		return true;
	}
	failed++;
	for (const p of problems.slice(0, 25)) console.log(`browser/${name}: ${p}`);
	if (problems.length > 25) console.log(`browser/${name}: … и ещё ${problems.length - 25}`);
	return false;
}

// --- the site on disk -------------------------------------------------------

function walkHtml(root) {
	const out = [];
	const walk = (dir) => {
		for (const e of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
			const full = path.join(dir, e.name);
			if (e.isDirectory()) walk(full);
			else if (e.isFile() && /\.html?$/i.test(e.name)) out.push(path.relative(root, full).split(path.sep).join('/'));
		}
	};
	walk(root);
	return out.sort();
}

// The first page under one of DIRS that is not that folder's index.html.
function firstDocIn(pages, dirs) {
	for (const d of dirs) {
		const p = pages.find((x) => x.startsWith(d) && x !== `${d}index.html`);
		if (p) return p;
	}
	return null;
}

// The first document page with a picture of its text (an <img> in <main>), or null.
function firstWithPicture(pages) {
	return pages.find((p) => !p.endsWith('index.html') && /<main[\s\S]*<img\b[\s\S]*<\/main>/.test(fs.readFileSync(path.join(SITE, p), 'utf8'))) || null;
}

function serve(root) {
	const server = http.createServer((req, res) => {
		const notFound = () => {
			res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' });
			res.end('404\n');
		};
		let p;
		try {
			p = decodeURIComponent(new URL(req.url, 'http://127.0.0.1').pathname);
		} catch {
			res.writeHead(400);
			res.end();
			return;
		}
		if (!p.startsWith(PREFIX) || p.includes('\0')) return notFound();
		let file = path.join(root, p.slice(PREFIX.length));
		if (file !== root && !file.startsWith(root + path.sep)) return notFound();
		let st;
		try {
			st = fs.statSync(file);
			if (st.isDirectory()) {
				if (!p.endsWith('/')) {
					res.writeHead(301, { Location: encodeURI(p + '/') });
					res.end();
					return;
				}
				file = path.join(file, 'index.html');
				st = fs.statSync(file);
			}
		} catch {
			return notFound();
		}
		if (!st.isFile()) return notFound();
		res.writeHead(200, {
			'Content-Type': MIME[path.extname(file).toLowerCase()] || 'application/octet-stream',
			'Content-Length': st.size,
			'Cache-Control': 'no-store',
		});
		if (req.method === 'HEAD') return res.end();
		fs.createReadStream(file).pipe(res);
	});
	return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

// --- browser helpers --------------------------------------------------------

let ORIGIN = '';
let SITE = '';
const httpUrl = (rel) => ORIGIN + PREFIX + rel.split('/').map(encodeURIComponent).join('/');
const fileUrl = (rel) => pathToFileURL(path.join(SITE, rel)).href;
const isLocal = (u) => u.startsWith(ORIGIN + '/') || /^(file|data|blob|about):/.test(u);

// A URL as a path relative to the site, for messages.
function short(u) {
	if (u.startsWith(ORIGIN + PREFIX)) return decodeURIComponent(u.slice((ORIGIN + PREFIX).length)) || '.';
	const fu = pathToFileURL(SITE + path.sep).href;
	if (u.startsWith(fu)) return decodeURIComponent(u.slice(fu.length));
	return u;
}

// The file a site URL points to, or null when it is outside the site.
function urlToFile(u) {
	const url = new URL(u);
	let file;
	if (url.protocol === 'file:') file = fileURLToPath(url);
	else if (u.startsWith(ORIGIN + PREFIX)) file = path.join(SITE, decodeURIComponent(url.pathname.slice(PREFIX.length)));
	else return null;
	if (file.endsWith(path.sep) || url.pathname.endsWith('/')) file = path.join(file, 'index.html');
	return file;
}

// Pages are reused: a new page costs a renderer start (~150 ms).
const pool = new Map(); // context → idle pages
const detachers = new WeakMap(); // page → removes the listeners of open()

// Open URL in a page of CONTEXT, watching for console errors, page errors,
// failed requests and external requests. Returns {page, problems(fromLoad)};
// give the page back with release(page).
async function open(context, url) {
	const idle = pool.get(context) || [];
	pool.set(context, idle);
	const page = idle.pop() || (await context.newPage());
	const found = [];
	const bad = new Set();
	const consoleErrors = [];
	const net = { inflight: 0, last: Date.now() };
	const on = {
		request: (r) => {
			net.inflight++;
			net.last = Date.now();
			if (!isLocal(r.url())) found.push(`внешний запрос ${r.url()} (сайт не должен ничего грузить извне)`);
		},
		requestfinished: () => {
			net.inflight--;
			net.last = Date.now();
		},
		requestfailed: (r) => {
			net.inflight--;
			net.last = Date.now();
			bad.add(r.url());
			if (!isLocal(r.url())) return;
			found.push(`запрос не выполнен: ${short(r.url())} (${r.failure()?.errorText || '?'})`);
		},
		response: (r) => {
			if (r.status() >= 400) {
				bad.add(r.url());
				found.push(`ответ ${r.status()} на ${short(r.url())}`);
			}
		},
		console: (m) => {
			if (m.type() === 'error') consoleErrors.push({ text: m.text(), url: m.location()?.url || '' });
		},
		pageerror: (e) => found.push(`необработанное исключение: ${String(e.message).split('\n')[0]}`),
	};
	for (const [ev, fn] of Object.entries(on)) page.on(ev, fn);
	detachers.set(page, () => {
		for (const [ev, fn] of Object.entries(on)) page.off(ev, fn);
	});
	await page.goto(url, { waitUntil: 'load', timeout: 20000 });
	await settle(page, net);
	// What went wrong while the page loaded is reported by the «http» and
	// «file» tests; the other tests report what their actions caused.
	const marks = [found.length, consoleErrors.length];
	// Async: first lets what the test started (lazy loads…) finish.
	const problems = async (fromLoad = false) => {
		await settle(page, net);
		const out = found.slice(fromLoad ? 0 : marks[0]);
		for (const c of consoleErrors.slice(fromLoad ? 0 : marks[1])) {
			// «Failed to load resource» repeats a failed request reported above.
			if (/^Failed to load resource/.test(c.text) && bad.has(c.url)) continue;
			out.push(`ошибка в консоли: ${c.text}${c.url ? ` (${short(c.url)})` : ''}`);
		}
		return out;
	};
	return { page, problems };
}

async function release(page) {
	if (!page.isClosed()) {
		// Leave the document while still listening, so that requests it
		// cancels are not blamed on the next test that reuses the page.
		await page.goto('about:blank').catch(() => {});
	}
	const detach = detachers.get(page);
	if (detach) detach();
	detachers.delete(page);
	if (!page.isClosed()) pool.get(page.context()).push(page);
}

// Wait until no request has been in flight for 50 ms (at most 3 s).
async function settle(page, net) {
	const end = Date.now() + 3000;
	while (Date.now() < end) {
		if (net.inflight <= 0 && Date.now() - net.last >= 50) return;
		await page.waitForTimeout(10);
	}
}

async function runAxe(page, axePath) {
	if (!(await page.evaluate(() => typeof window.axe === 'object'))) await page.addScriptTag({ path: axePath });
	const res = await page.evaluate(
		(tags) => window.axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] }),
		AXE_TAGS,
	);
	const out = [];
	for (const v of res.violations) {
		const targets = v.nodes.slice(0, 5).map((n) => n.target.join(' ')).join(', ');
		const more = v.nodes.length > 5 ? ` и ещё ${v.nodes.length - 5}` : '';
		out.push(`axe ${v.id} [${v.impact}] ${targets}${more} — ${v.help} (${v.helpUrl})`);
	}
	return out;
}

// Computed font size (px) of <main>, or <body> when there is no <main>.
const mainFontSize = (page) =>
	page.evaluate(() => parseFloat(getComputedStyle(document.querySelector('main') || document.body).fontSize));

// Poll FN (which may throw while a page navigates) until it returns truthy.
async function poll(page, fn, ms = 3000) {
	const end = Date.now() + ms;
	let last;
	for (;;) {
		try {
			last = await fn();
			if (last) return last;
		} catch {
			/* navigating */
		}
		if (Date.now() > end) return last;
		await page.waitForTimeout(100);
	}
}

async function viControl(page) {
	const loc = page.locator('a, button, [role=button], input[type=submit], input[type=button]').filter({ hasText: VI_TEXT });
	if ((await loc.count()) > 0) return loc.first();
	// <input type=submit value="Версия для слабовидящих"> has no text content.
	const inputs = page.locator('input[type=submit], input[type=button]');
	for (let i = 0; i < (await inputs.count()); i++) {
		if (VI_TEXT.test((await inputs.nth(i).getAttribute('value')) || '')) return inputs.nth(i);
	}
	return null;
}

// The visible [data-case] elements of PAGE: count and attributes.
const visibleCases = (page) =>
	page.evaluate(() =>
		[...document.querySelectorAll('[data-case]')]
			.filter((e) => e.getClientRects().length > 0 && getComputedStyle(e).visibility !== 'hidden')
			.map((e) => Object.fromEntries([...e.attributes].filter((a) => a.name.startsWith('data-')).map((a) => [a.name.slice(5), a.value]))),
	);

// The filter controls of the cases page grouped by facet (form, kind, year).
async function filterFacets(page) {
	return page.evaluate(() => {
		const FACETS = {
			form: { re: /форм/i, names: ['form', 'forma'] },
			kind: { re: /вид/i, names: ['kind', 'vid', 'type'] },
			year: { re: /год/i, names: ['year', 'god'] },
		};
		const labelOf = (el) => {
			const parts = [];
			if (el.labels) for (const l of el.labels) parts.push(l.textContent);
			parts.push(el.getAttribute('aria-label') || '');
			const fs = el.closest('fieldset');
			if (fs && fs.querySelector('legend')) parts.push(fs.querySelector('legend').textContent);
			return parts.join(' ');
		};
		const groups = new Map();
		for (const el of document.querySelectorAll('select, input[type=radio], input[type=checkbox]')) {
			const key = el.tagName === 'SELECT' ? `select#${el.id || el.name}` : `${el.type}:${el.name}`;
			if (!groups.has(key)) groups.set(key, { kind: el.tagName === 'SELECT' ? 'select' : el.type, name: el.name, label: '', values: [], els: [] });
			const g = groups.get(key);
			g.els.push(el);
			if (el.tagName === 'SELECT') {
				g.label = labelOf(el);
				g.values = [...el.options].map((o) => o.value);
				g.selector = el.id ? `#${CSS.escape(el.id)}` : `select[name="${CSS.escape(el.name)}"]`;
			} else {
				g.label = (g.label + ' ' + labelOf(el)).trim();
				g.values.push(el.value);
			}
		}
		const out = {};
		for (const [facet, spec] of Object.entries(FACETS)) {
			for (const g of groups.values()) {
				if (spec.names.includes((g.name || '').toLowerCase()) || spec.re.test(g.label)) {
					out[facet] = { kind: g.kind, name: g.name, label: g.label.replace(/\s+/g, ' ').trim(), values: g.values, selector: g.selector };
					break;
				}
			}
		}
		return out;
	});
}

async function chooseFilter(page, f, value) {
	if (f.kind === 'select') {
		await page.locator(f.selector).selectOption(value);
		return;
	}
	const input = page.locator(`input[type=${f.kind}][name="${f.name}"][value="${value.replace(/"/g, '\\"')}"]`).first();
	if (f.kind === 'checkbox') {
		for (const other of await page.locator(`input[type=checkbox][name="${f.name}"]`).all()) {
			if ((await other.isChecked()) && (await other.getAttribute('value')) !== value) await other.uncheck();
		}
		if (value !== '') await input.check();
	} else {
		await input.check();
	}
}

// Result links shown by the search box on PAGE after typing.
// BEFORE: the visible links before typing, or null after a navigation.
async function searchResults(page, before) {
	return page.evaluate((beforeList) => {
		const vis = (e) => e.getClientRects().length > 0 && getComputedStyle(e).visibility !== 'hidden';
		const boxes = document.querySelectorAll('[data-search-results], #search-results, .search-results, [role=listbox], output, [aria-live]');
		let links = [];
		for (const b of boxes) links.push(...b.querySelectorAll('a[href]'));
		links = links.filter(vis);
		if (links.length === 0 && beforeList) {
			const old = new Set(beforeList);
			links = [...document.querySelectorAll('a[href]')].filter((a) => vis(a) && !old.has(a.href + '\u0000' + a.textContent));
		}
		return [...new Set(links.map((a) => a.href))];
	}, before);
}

const visibleLinks = (page) =>
	page.evaluate(() => [...document.querySelectorAll('a[href]')].filter((a) => a.getClientRects().length > 0).map((a) => a.href + '\u0000' + a.textContent));

function resolves(u) {
	const file = urlToFile(u);
	if (!file) return false;
	try {
		return fs.statSync(file).isFile();
	} catch {
		return false;
	}
}

const normPage = (u) => {
	const x = new URL(u);
	x.hash = '';
	x.search = '';
	return x.href.replace(/\/$/, '/index.html');
};

// --- main -------------------------------------------------------------------

async function main() {
	const [siteArg, shotArg] = process.argv.slice(2);
	if (!siteArg) fatal('использование: node tests/browser/run.mjs SITE_DIR [SHOT_DIR]');
	SITE = path.resolve(siteArg);
	if (!fs.existsSync(path.join(SITE, 'index.html')))
		fatal(`нет ${path.join(SITE, 'index.html')}: сначала соберите сайт (nastavnik build)`);
	try {
		fs.accessSync(CHROMIUM, fs.constants.X_OK);
	} catch {
		fatal(`не найден браузер ${CHROMIUM}: установите пакет chromium (sh scripts/deps.sh)`);
	}
	let chromium;
	const axePath = path.join(HERE, 'node_modules', 'axe-core', 'axe.min.js');
	try {
		({ chromium } = await import('playwright-core'));
		fs.accessSync(axePath);
	} catch {
		fatal('нет пакетов npm в tests/browser/node_modules (playwright-core, axe-core): выполните sh scripts/deps.sh');
	}
	const shots = shotArg ? path.resolve(shotArg) : null;
	if (shots) fs.mkdirSync(shots, { recursive: true });

	const started = Date.now();
	const pages = walkHtml(SITE);
	const sample = {
		index: 'index.html',
		order: firstDocIn(pages, ['orders/']),
		roadmap: firstDocIn(pages, ['roadmaps/', 'roadmap/']),
		cases: pages.includes('cases/index.html') ? 'cases/index.html' : null,
		// A scheme of a document: narrower than the screen, as its text is.
		picture: firstWithPicture(pages),
	};
	const missing = {
		order: 'нет ни одной страницы приказа orders/*.html (кроме orders/index.html)',
		roadmap: 'нет ни одной страницы дорожной карты roadmaps/*.html (кроме roadmaps/index.html)',
		cases: 'нет страницы банка практик cases/index.html',
		picture: 'нет ни одной страницы документа с изображением (<img> в <main>)',
	};
	const samples = Object.entries(sample);

	const server = await serve(SITE);
	ORIGIN = `http://127.0.0.1:${server.address().port}`;
	const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS, timeout: 60000 });
	const newContext = async (opts = {}) => {
		const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'ru-RU', ...opts });
		await ctx.route((u) => !isLocal(u.href), (r) => r.abort('blockedbyclient'));
		return ctx;
	};
	try {
		const ctx = await newContext();

		// 1. Every page over HTTP under a sub-path: no errors of any kind.
		const axeAll = process.env.NV_AXE_ALL === '1';
		const axeOn = new Set(axeAll ? pages : samples.map(([, p]) => p).filter(Boolean));
		let next = 0;
		const worker = async () => {
			while (next < pages.length) {
				const rel = pages[next++];
				await test(`http ${rel}`, async () => {
					const { page, problems } = await open(ctx, httpUrl(rel));
					const out = await problems(true);
					await release(page);
					return out;
				});
			}
		};
		await Promise.all([worker(), worker(), worker()]);

		// 2. The sample pages from disk through file://.
		for (const [key, rel] of samples) {
			await test(`file ${rel || key}`, async () => {
				if (!rel) return [missing[key]];
				const { page, problems } = await open(ctx, fileUrl(rel));
				const out = await problems(true);
				await release(page);
				return out;
			});
		}

		// 3. axe-core, WCAG 2.1 A and AA.
		for (const [key, rel] of samples) if (!rel) await test(`axe ${key}`, () => [missing[key]]);
		for (const rel of pages.filter((p) => axeOn.has(p))) {
			await test(`axe ${rel}`, async () => {
				const { page } = await open(ctx, httpUrl(rel));
				const out = await runAxe(page, axePath);
				await release(page);
				return out;
			});
		}

		// 4. The large-font / high-contrast mode, with and without JavaScript.
		// Its own contexts: the mode is remembered (localStorage, cookies)
		// and must not leak into the other tests.
		const viCtx = await newContext();
		const plainCtx = await newContext();
		await test('слабовидящие (JS)', () => viWithJs(viCtx, plainCtx, axePath, sample, shots));
		await viCtx.close();
		await plainCtx.close();
		const noJs = await newContext({ javaScriptEnabled: false });
		await test('слабовидящие (без JS)', () => viWithoutJs(noJs));

		// 5. The cases bank filter.
		await test('фильтр практик (JS)', () => (sample.cases ? filterWithJs(ctx) : [missing.cases]));
		await test('фильтр практик (без JS)', () => (sample.cases ? filterWithoutJs(noJs) : [missing.cases]));
		await test('фильтр практик на странице отбора', () => (sample.cases ? filterScopedPage(ctx) : [missing.cases]));

		// 6. Search, over HTTP and from disk.
		const word = await searchWord(ctx, sample);
		await test('поиск (http)', () => searchTest(ctx, pages, word, httpUrl));
		await test('поиск (file://)', () => searchTest(ctx, pages, word, fileUrl));
		await test('поиск: отрывок у конца текста без второго «…»', () => excerptTest(ctx));
		await test('поиск: отрывок из целых слов', () => excerptWordsTest(ctx));
		await test('поиск: конец отрывка после знака', () => excerptMarksTest(newContext));

		// 7. Keyboard: skip link first, visible focus.
		for (const [key, rel] of samples) {
			await test(`клавиатура ${rel || key}`, () => (rel ? keyboard(ctx, rel) : [missing[key]]));
		}

		// 8. Narrow screens: no horizontal scrolling; screenshots.
		const mobile = await newContext({ viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true });
		for (const [key, rel] of samples) {
			await test(`телефон ${rel || key}`, () => (rel ? narrow(mobile, rel, key, shots) : [missing[key]]));
		}
		// 9. The curator's e-mail in the narrow column breaks only after «@».
		await test('почта куратора', () => mailBreaks(ctx));
		if (shots) {
			for (const [key, rel] of samples) {
				if (!rel) continue;
				const { page } = await open(ctx, httpUrl(rel));
				await page.screenshot({ path: path.join(shots, `${key}-1280.png`), fullPage: true });
				await release(page);
			}
		}
		await noJs.close();
		await mobile.close();
		await ctx.close();
	} finally {
		await browser.close();
		server.close();
	}
	console.log(`browser: страниц ${pages.length}, ${((Date.now() - started) / 1000).toFixed(1)} с`);
	process.exit(summary());
}

async function viWithJs(ctx, plainCtx, axePath, sample, shots) {
	const { page, problems } = await open(ctx, httpUrl('index.html'));
	const out = [];
	const ctl = await viControl(page);
	if (!ctl) return ['на index.html нет ссылки или кнопки с текстом «Версия для слабовидящих»'];
	const base = await mainFontSize(page);
	await ctl.click();
	const size = await poll(page, async () => {
		const s = await mainFontSize(page);
		return s >= base * ENLARGE ? s : 0;
	});
	if (!size) {
		const now = await mainFontSize(page).catch(() => NaN);
		out.push(`после нажатия «Версия для слабовидящих» шрифт main ${now}px, был ${base}px: ожидалось не меньше ${(base * ENLARGE).toFixed(1)}px (×${ENLARGE})`);
	} else {
		out.push(...(await runAxe(page, axePath)).map((v) => `в режиме для слабовидящих: ${v}`));
		if (shots) await page.screenshot({ path: path.join(shots, 'index-vi-1280.png'), fullPage: true });
		// The mode stays on while the visitor moves to another page.
		const other = sample.order || sample.cases;
		if (other) {
			const { page: p2 } = await open(ctx, httpUrl(other));
			const s2 = await mainFontSize(p2);
			const { page: p3 } = await open(plainCtx, httpUrl(other));
			const plain = await mainFontSize(p3);
			await release(p3);
			if (s2 < plain * ENLARGE)
				out.push(`режим для слабовидящих не сохранился при переходе на ${other}: шрифт main ${s2}px, обычный ${plain}px`);
			await release(p2);
		}
	}
	out.push(...(await problems()));
	await release(page);
	return out;
}

async function viWithoutJs(ctx) {
	const { page, problems } = await open(ctx, httpUrl('index.html'));
	const ctl = await viControl(page);
	if (!ctl) return ['без JavaScript на index.html нет ссылки или кнопки «Версия для слабовидящих» (она не должна создаваться скриптом)'];
	if (!(await ctl.isVisible())) return ['без JavaScript ссылка «Версия для слабовидящих» скрыта'];
	const info = await ctl.evaluate((e) => ({
		tag: e.tagName.toLowerCase(),
		href: e.href || '',
		form: !!e.form && e.type === 'submit',
	}));
	if (info.tag !== 'a' && !info.form)
		return [`без JavaScript «Версия для слабовидящих» — <${info.tag}> вне формы и ничего не делает: нужна ссылка <a href> (на страницу или #якорь со стилем :target) или кнопка отправки формы`];
	const base = await mainFontSize(page);
	const out = [];
	await ctl.click();
	await page.waitForLoadState('load');
	const size = await poll(page, async () => ((await mainFontSize(page)) >= base * ENLARGE ? 1 : 0), 2000);
	if (!size)
		out.push(`без JavaScript щелчок по «Версия для слабовидящих» не увеличил шрифт main: ${await mainFontSize(page)}px, был ${base}px, нужно ≥ ${(base * ENLARGE).toFixed(1)}px`);
	out.push(...(await problems()));
	await release(page);
	if (info.tag === 'a') {
		const { page: p2, problems: pr2 } = await open(ctx, info.href);
		const s = await mainFontSize(p2);
		if (s < base * ENLARGE)
			out.push(`без JavaScript страница по ссылке ${short(info.href)} показана обычным шрифтом: ${s}px, нужно ≥ ${(base * ENLARGE).toFixed(1)}px`);
		out.push(...(await pr2()));
		await release(p2);
	}
	return out;
}

async function filterWithJs(ctx) {
	const { page, problems } = await open(ctx, httpUrl('cases/index.html'));
	const out = [];
	const facets = await filterFacets(page);
	const names = { form: 'Форма', kind: 'Вид', year: 'Год' };
	for (const f of Object.keys(names)) {
		if (!facets[f])
			out.push(`на cases/index.html нет отбора «${names[f]}»: ожидался <select> или группа radio/checkbox с подписью «${names[f]}…» или name="${f}"`);
	}
	const all = await visibleCases(page);
	if (all.length < 2) out.push(`на cases/index.html видно ${all.length} карточек [data-case]: для проверки отбора нужно не меньше двух`);
	if (out.length) {
		await release(page);
		return out;
	}
	const path0 = new URL(page.url()).pathname;
	let narrowed = 0;
	for (const [facet, f] of Object.entries(facets)) {
		const values = f.values.filter((v) => v !== '');
		if (values.length === 0) {
			out.push(`у отбора «${f.label || facet}» нет ни одного значения`);
			continue;
		}
		for (const v of values) {
			await chooseFilter(page, f, v);
			const attr = f.name || facet;
			const hasAttr = all.every((c) => attr in c);
			const expected = hasAttr ? all.filter((c) => c[attr].split(/\s+/).includes(v)).length : null;
			const vis = await poll(page, async () => {
				const now = await visibleCases(page);
				if (expected !== null) return now.length === expected ? now : null;
				return now.length < all.length ? now : null;
			}, 1500) || (await visibleCases(page));
			if (expected !== null && vis.length !== expected)
				out.push(`отбор ${attr}=${v}: видно карточек ${vis.length}, ожидалось ${expected} (по data-${attr})`);
			if (vis.length === 0) out.push(`отбор ${attr}=${v}: не осталось ни одной карточки, а значение есть в списке`);
			if (hasAttr) {
				const wrong = vis.filter((c) => !c[attr].split(/\s+/).includes(v));
				if (wrong.length) out.push(`отбор ${attr}=${v}: видны карточки с data-${attr}="${wrong[0][attr]}"`);
			}
			if (vis.length < all.length && vis.length > 0) narrowed++;
			if (new URL(page.url()).pathname !== path0) {
				out.push(`отбор ${attr}=${v} ушёл на другую страницу ${short(page.url())}: со скриптом карточки должны скрываться на месте`);
				await page.goto(httpUrl('cases/index.html'));
			}
		}
		// Back to «все».
		if (f.values.includes('') || f.kind === 'checkbox') {
			await chooseFilter(page, f, '');
			const back = await poll(page, async () => ((await visibleCases(page)).length === all.length ? 1 : 0), 1500);
			if (!back) out.push(`после сброса отбора «${f.label || facet}» видно ${(await visibleCases(page)).length} карточек из ${all.length}`);
		}
	}
	if (narrowed === 0 && out.length === 0)
		out.push(`ни одно значение отбора не скрыло ни одной из ${all.length} карточек [data-case] (скрипт отбора не работает?)`);
	out.push(...(await problems()));
	await release(page);
	return out;
}

/*
 * The static filter pages PAGE (cases/index.html) links to: links under
 * cases/ outside the cards, only the visible ones when VISIBLE (with
 * JavaScript the filter form may stand in for them).
 */
async function filterPageLinks(page, visible) {
	const casesDir = ORIGIN + PREFIX + 'cases/';
	const self = normPage(page.url());
	const links = await page.evaluate(
		(vis) =>
			[...document.querySelectorAll('a[href]')]
				.filter((a) => !a.closest('[data-case]') && (!vis || a.getClientRects().length > 0))
				.map((a) => a.href),
		visible,
	);
	return [...new Set(links.map(normPage))].filter((u) => u.startsWith(casesDir) && u !== self);
}

async function filterWithoutJs(ctx) {
	const { page, problems } = await open(ctx, httpUrl('cases/index.html'));
	const out = [];
	const filterPages = await filterPageLinks(page, true);
	if (filterPages.length === 0) {
		out.push('без JavaScript на cases/index.html нет видимых ссылок на статические страницы отбора (cases/…html вне карточек [data-case])');
	}
	for (const u of filterPages) {
		if (!resolves(u)) {
			out.push(`ссылка на страницу отбора ${short(u)}: такого файла нет`);
			continue;
		}
		const r = await ctx.request.get(u);
		const body = await r.text();
		if (r.status() !== 200) out.push(`страница отбора ${short(u)}: ответ ${r.status()}`);
		else if (!/\sdata-case[\s=>]/.test(body)) out.push(`на странице отбора ${short(u)} нет ни одной карточки [data-case]`);
	}
	out.push(...(await problems()));
	await release(page);
	return out;
}

// The select of PAGE's filter whose value is not «все»: [facet, value], or one message.
async function scopedSelect(page) {
	const chosen = [];
	for (const f of Object.values(await filterFacets(page))) {
		if (f.kind !== 'select') continue;
		const v = await page.locator(f.selector).inputValue();
		if (v !== '') chosen.push([f, v]);
	}
	return chosen;
}

/*
 * A static filter page (the first facet link of cases/index.html), with
 * JavaScript: its facet's control shows the page's value, another value
 * of it goes to that value's page, «все» back to cases/index.html.
 */
async function filterScopedPage(ctx) {
	const { page, problems } = await open(ctx, httpUrl('cases/index.html'));
	const out = [];
	const index = normPage(page.url());
	const link = (await filterPageLinks(page, false))[0];
	if (!link) {
		await release(page);
		return ['на cases/index.html нет ссылки на статическую страницу отбора (cases/…html вне карточек [data-case])'];
	}
	await page.goto(link);
	const chosen = await scopedSelect(page);
	if (chosen.length !== 1) {
		out.push(`на странице отбора ${short(link)} выбрано значений отбора: ${chosen.length} (${chosen.map(([f, v]) => `${f.name}=${v}`).join(', ') || 'все «все»'}), ожидалось одно — то, по которому отобрана страница`);
		await release(page);
		return out;
	}
	const [f, v] = chosen[0];
	const wrong = (await visibleCases(page)).filter((c) => !(c[f.name] || '').split(/\s+/).includes(v));
	if (wrong.length) out.push(`на странице отбора ${short(link)} выбрано ${f.name}=${v}, а видна карточка с data-${f.name}="${wrong[0][f.name]}"`);
	const other = f.values.find((x) => x !== '' && x !== v);
	if (other) {
		await chooseFilter(page, f, other);
		const there = await poll(page, async () =>
			normPage(page.url()) !== link && (await page.locator(f.selector).inputValue()) === other ? normPage(page.url()) : null,
		);
		if (!there) out.push(`на странице отбора ${short(link)} выбор ${f.name}=${other} не открыл страницу этого значения (адрес ${short(page.url())})`);
	}
	await chooseFilter(page, f, '');
	if (!(await poll(page, async () => normPage(page.url()) === index)))
		out.push(`на странице отбора выбор «все» в «${f.name}» не вернул на cases/index.html (адрес ${short(page.url())})`);
	out.push(...(await problems()));
	await release(page);
	return out;
}

// A word of a document title to search for, and the page it must find.
async function searchWord(ctx, sample) {
	const pick = (title) => {
		const words = (title || '').match(/[\p{L}\p{N}]{4,}/gu) || [];
		return words.sort((a, b) => b.length - a.length)[0] || null;
	};
	if (sample.order) {
		const { page } = await open(ctx, httpUrl(sample.order));
		const h1 = await page.locator('h1').first().textContent().catch(() => null);
		await release(page);
		const w = pick(h1);
		if (w) return { word: w, title: h1.trim(), rel: sample.order };
	}
	if (sample.cases) {
		const { page } = await open(ctx, httpUrl(sample.cases));
		const card = page.locator('[data-case]').first();
		const found = (await card.count())
			? await card.evaluate((c) => {
					const h = c.querySelector('h1, h2, h3, h4, a[href]');
					const a = c.querySelector('a[href]');
					return { title: (h || c).textContent, href: a ? a.href : null };
				})
			: null;
		await release(page);
		const w = found && pick(found.title);
		if (w && found.href) return { word: w, title: found.title.trim(), rel: short(normPage(found.href)) };
	}
	return null;
}

async function searchTest(ctx, pages, word, toUrl) {
	const candidates = ['index.html', 'search.html', 'search/index.html', 'poisk.html', 'poisk/index.html', ...pages];
	const rel = candidates.find((p) => pages.includes(p) && /type\s*=\s*["']?search\b/i.test(fs.readFileSync(path.join(SITE, p), 'utf8')));
	if (!rel) return ['ни на одной странице нет поля поиска <input type="search">'];
	if (!word) return ['не из чего взять слово для поиска: нет заголовка h1 у страницы приказа и заголовка у карточки [data-case]'];
	const { page, problems } = await open(ctx, toUrl(rel));
	const out = [];
	const box = page.locator('input[type=search]').first();
	if (!(await box.isVisible())) {
		await release(page);
		return [`на ${rel} поле поиска скрыто`];
	}
	const before = await visibleLinks(page);
	await box.click();
	await box.pressSequentially(word.word, { delay: 15 });
	let results = await poll(page, async () => {
		const r = await searchResults(page, before);
		return r.length ? r : null;
	}, 3000);
	if (!results) {
		// A search form may also show its results on a separate page.
		await box.press('Enter');
		await page.waitForLoadState('load').catch(() => {});
		results = await poll(page, async () => {
			const r = await searchResults(page, null);
			return r.length ? r : null;
		}, 3000);
	}
	const where = `${rel}${toUrl === fileUrl ? ' через file://' : ''}`;
	if (!results) {
		out.push(`на ${where} поиск слова «${word.word}» (из заголовка «${word.title}») не показал ни одной ссылки: ждал ссылки в [data-search-results] или #search-results`);
	} else {
		for (const u of results.slice(0, 10)) if (!resolves(u)) out.push(`результат поиска ${short(u)} ведёт на несуществующий файл`);
		const want = normPage(toUrl(word.rel));
		if (!results.some((u) => normPage(u) === want))
			out.push(`поиск «${word.word}» на ${where} не нашёл ${word.rel} («${word.title}»); найдено: ${results.slice(0, 5).map(short).join(', ')}`);
	}
	out.push(...(await problems()));
	await release(page);
	return out;
}

// An excerpt shown under a result that reaches the end of the record's text
// ends as the text does (a text cut by the index ends with one «…»): the
// search looks for a word found first in the last 120 characters of such a
// record (search-index.json), and the excerpt of that record must end with
// exactly one «…».
async function excerptTest(ctx) {
	return withExcerpt(
		ctx,
		(r, low) => {
			if (!low.endsWith('…')) return null;
			return (low.slice(-120).match(/[а-я]{6,}/g) || []).find((x) => low.indexOf(x) >= low.length - 120);
		},
		'в search-index.json нет записи, текст которой кончается «…», со словом в последних 120 знаках',
		(pick, text) =>
			!text.endsWith('…') || text.endsWith('……')
				? [`отрывок у ${pick.u} по слову «${pick.w}» кончается не одним «…»: «${text.slice(-40)}»`]
				: [],
	);
}

// A match far into a record's text: its excerpt starts and ends on whole words.
async function excerptWordsTest(ctx) {
	return withExcerpt(
		ctx,
		(r, low) => {
			const x = r.x || '';
			if (x.length < 320) return null;
			// a word whose first occurrence is past 120 characters, with 60 before it mid-word
			for (const m of low.matchAll(/[а-я]{7,}/g))
				if (m.index >= 120 && low.indexOf(m[0]) === m.index && !/\s/.test(x.charAt(m.index - 61))) return m[0];
			return null;
		},
		'в search-index.json нет записи длиннее 320 знаков со словом дальше 120-го знака',
		(pick, text) => {
			const x = pick.r.x;
			// The cut's end as the index ends its own: «…», or «?..» / «!..»
			const mark = text.endsWith('…') ? 1 : /[?!]\.\.$/.test(text) ? 2 : 0;
			if (!text.startsWith('…') || !mark) return [`отрывок у ${pick.u} по слову «${pick.w}» не обрезан с двух сторон: «${text}»`];
			const core = text.slice(1, text.length - mark);
			const k = x.indexOf(core), e = k + core.length;
			if (k < 0) return [`отрывка «${core}» нет в тексте записи ${pick.u}`];
			// a word's end: a space after it, or a «.», «,», «;», «:» or dash the «…» stands for
			if (!/\s/.test(x.charAt(k - 1)) || (e < x.length && !/^(\s|[.,;:](\s|$)|\s*[—–](\s|$))/.test(x.slice(e))))
				return [`отрывок у ${pick.u} по слову «${pick.w}» режет слово: «${text.slice(0, 30)}…${text.slice(-30)}»`];
			if (/[.,;:—–]$/.test(core.trim())) return [`отрывок у ${pick.u} кончается знаком «${core.trim().slice(-1)}» перед «…»: «${text.slice(-30)}»`];
			if (!core.toLowerCase().replace(/ё/g, 'е').includes(pick.w)) return [`в отрывке у ${pick.u} нет слова «${pick.w}»: «${text}»`];
			return [];
		},
	);
}

/*
 * An excerpt cut after a word with a mark after it ends as the index ends
 * its own cuts: search.html given records (search-index.js answered by the
 * test) whose text, past the 180 characters an excerpt shows, goes on
 * after «беседы» and a «.», «,», «?» or « —», after a section's number
 * alone or a « · » (which go), or a year (which stays); each must end so.
 * An excerpt that starts after a « · » starts with the heading after it.
 */
async function excerptMarksTest(newContext) {
	const ends = [
		['ключ беседы.', 'беседы…'],
		['ключ беседы,', 'беседы…'],
		['дом беседы —', 'беседы…'],
		['ключ беседы?', 'беседы?..'],
		['беседы · 12.', 'беседы…'],
		['я Итог. 2.3.', 'Итог…'],
		['ключ в 2025.', 'в 2025…'],
		['ключ слово ·', 'слово…'],
		['я беседы… ·', 'беседы…'],
	];
	// «искомое» at 120: the excerpt runs from 60 to 240, cut at the space
	// after the tail, before «продолжение» (which crosses 240).
	// 224 characters, then a tail of 12 ending at 236, a space there.
	const record = (tail, n) => ({
		t: `Запись ${n}`,
		u: `zapis-${n}.html`,
		x: 'слово '.repeat(20) + 'искомое ' + 'слово '.repeat(16) + tail + ' продолжение текста идёт дальше и дальше.',
	});
	const recs = ends.map(([m], n) => record(m, n));
	// One more whose excerpt starts at a « · » between headings (at 60): «…слово», not «…· слово».
	const dot = record('ключ беседы.', ends.length);
	dot.x = 'слово '.repeat(10) + '· ' + 'слово '.repeat(9) + 'ааа ' + dot.x.slice(120);
	recs.push(dot);
	ends.push(['ключ беседы.', 'беседы…']);
	const ctx = await newContext();
	await ctx.route(/search-index\.js$/, (r) =>
		r.fulfill({ contentType: 'application/javascript', body: 'window.NV_SEARCH_INDEX = ' + JSON.stringify(recs) + ';' }),
	);
	const { page, problems } = await open(ctx, httpUrl('search.html') + '?q=' + encodeURIComponent('искомое'));
	const out = [];
	const got =
		(await poll(page, () =>
			page.evaluate((n) => {
				const ps = [...document.querySelectorAll('[data-search-results] li')].map((li) => li.querySelector('p')?.textContent || '');
				return ps.length === n ? ps : null;
			}, recs.length),
		)) || [];
	if (got.length !== recs.length) out.push(`поиск «искомое» по ${recs.length} записям показал ${got.length} отрывков`);
	if (got.length === recs.length && !got[recs.length - 1].startsWith('…слово слово'))
		out.push(`отрывок, начатый после « · », начинается «${got[recs.length - 1].slice(0, 20)}», а не «…слово слово»`);
	got.forEach((text, n) => {
		if (!text.endsWith(' ' + ends[n][1]))
			out.push(`отрывок, обрезанный после «${ends[n][0]}», кончается «${text.slice(-20)}», а не «…${ends[n][1]}»`);
	});
	out.push(...(await problems()));
	await release(page);
	await ctx.close();
	return out;
}

// The first record of search-index.json for which choose(record, its text in lower case)
// gives a word; search.html?q=WORD opened; judge(pick, excerpt) says what is wrong with that
// record's excerpt.
async function withExcerpt(ctx, choose, none, judge) {
	const file = path.join(SITE, 'search-index.json');
	if (!fs.existsSync(file)) return ['нет search-index.json'];
	let pick = null;
	for (const r of JSON.parse(fs.readFileSync(file, 'utf8'))) {
		const w = choose(r, (r.x || '').toLowerCase().replace(/ё/g, 'е'));
		if (w) {
			pick = { u: r.u, w, r };
			break;
		}
	}
	if (!pick) return [none];
	const { page, problems } = await open(ctx, httpUrl('search.html') + '?q=' + encodeURIComponent(pick.w));
	const out = [];
	const text = await poll(page, () =>
		page.evaluate((u) => {
			for (const li of document.querySelectorAll('[data-search-results] li')) {
				const a = li.querySelector('a');
				const p = li.querySelector('p');
				if (a && p && a.getAttribute('href').endsWith(u)) return p.textContent;
			}
			return null;
		}, pick.u),
	);
	if (!text) out.push(`поиск «${pick.w}» не показал отрывка у ${pick.u}`);
	else out.push(...judge(pick, text));
	out.push(...(await problems()));
	await release(page);
	return out;
}

async function keyboard(ctx, rel) {
	const { page, problems } = await open(ctx, httpUrl(rel));
	const out = [];
	await page.keyboard.press('Tab');
	const f = await page.evaluate(() => {
		const e = document.activeElement;
		if (!e || e === document.body) return null;
		const cs = getComputedStyle(e);
		const r = e.getBoundingClientRect();
		const href = e.getAttribute('href') || '';
		let target = null;
		if (href.startsWith('#') && href.length > 1) {
			try {
				target = document.getElementById(decodeURIComponent(href.slice(1)));
			} catch {
				/* bad escape */
			}
		}
		return {
			tag: e.tagName.toLowerCase(),
			text: e.textContent.trim().slice(0, 60),
			href,
			target: !!target,
			targetIsMain: !!target && (target.tagName === 'MAIN' || target.getAttribute('role') === 'main' || !!target.querySelector('main')),
			outline: cs.outlineStyle !== 'none' && parseFloat(cs.outlineWidth) > 0,
			shadow: cs.boxShadow !== 'none',
			onScreen: r.width > 0 && r.height > 0 && r.bottom > 0 && r.right > 0 && r.top < innerHeight && r.left < innerWidth,
		};
	});
	if (!f) {
		out.push('после первого Tab фокус никуда не попал');
	} else if (f.tag !== 'a' || !f.href.startsWith('#')) {
		out.push(`первый Tab попал на <${f.tag}> «${f.text}» ${f.href}: первым должна быть ссылка «Перейти к содержанию» с href="#main"`);
	} else {
		if (!f.target) out.push(`ссылка для пропуска «${f.text}» ведёт на ${f.href}, а элемента с таким id на странице нет`);
		else if (!f.targetIsMain) out.push(`ссылка для пропуска ведёт на ${f.href}, но это не <main> и не содержит его`);
		if (!f.outline && !f.shadow) out.push(`у ссылки «${f.text}» в фокусе не видно рамки: outline-style none и нет box-shadow`);
		if (!f.onScreen) out.push(`ссылка «${f.text}» в фокусе не видна на экране (должна появляться при фокусе)`);
		if (f.target) {
			// Following the skip link moves the keyboard past the header.
			await page.keyboard.press('Enter');
			await page.keyboard.press('Tab');
			const ok = await page.evaluate((href) => {
				const t = document.getElementById(decodeURIComponent(href.slice(1)));
				const a = document.activeElement;
				if (!t || !a) return false;
				return t === a || t.contains(a) || !!(t.compareDocumentPosition(a) & Node.DOCUMENT_POSITION_FOLLOWING);
			}, f.href);
			if (!ok) out.push(`после Enter на ссылке для пропуска и Tab фокус вернулся в шапку, а не в ${f.href}`);
		}
	}
	out.push(...(await problems()));
	await release(page);
	return out.concat(await focusRing(ctx, rel));
}

// The first focusable elements (header, menu, search…) show their focus.
async function focusRing(ctx, rel) {
	const { page, problems } = await open(ctx, httpUrl(rel));
	const out = [];
	await page.keyboard.press('Tab');
	const count = await page.evaluate(() => {
		const sel = 'a[href], button, input:not([type=hidden]), select, textarea, [tabindex]:not([tabindex="-1"])';
		return [...document.querySelectorAll(sel)].filter((e) => e.getClientRects().length > 0).length;
	});
	for (let i = 1; i < Math.min(count, 10); i++) {
		await page.keyboard.press('Tab');
		const s = await page.evaluate(() => {
			const e = document.activeElement;
			if (!e || e === document.body) return null;
			const cs = getComputedStyle(e);
			const ok = (cs.outlineStyle !== 'none' && parseFloat(cs.outlineWidth) > 0) || cs.boxShadow !== 'none';
			return ok ? null : `<${e.tagName.toLowerCase()}> «${(e.textContent || e.getAttribute('aria-label') || e.name || '').trim().slice(0, 40)}»`;
		});
		if (s) out.push(`у элемента ${s} в фокусе не видно рамки (outline или box-shadow)`);
	}
	out.push(...(await problems()));
	await release(page);
	return out;
}

async function narrow(ctx, rel, key, shots) {
	const { page, problems } = await open(ctx, httpUrl(rel));
	const out = [];
	// Not innerWidth: a mobile browser zooms out to fit a too wide page.
	const r = await page.evaluate((w) => {
		const vp = document.querySelector('meta[name=viewport]');
		const scrollW = document.documentElement.scrollWidth;
		const wide = [];
		if (scrollW > w + 1) {
			const clipped = (e) => {
				for (let p = e.parentElement; p; p = p.parentElement) {
					const o = getComputedStyle(p).overflowX;
					if (o === 'auto' || o === 'scroll' || o === 'hidden' || o === 'clip') return true;
				}
				return false;
			};
			const seen = [];
			for (const e of document.body.querySelectorAll('*')) {
				const b = e.getBoundingClientRect();
				if (b.right > w + 1 && !clipped(e) && !seen.some((x) => x.contains(e))) {
					seen.push(e);
					const id = e.id ? `#${e.id}` : e.className && typeof e.className === 'string' ? `.${e.className.trim().split(/\s+/)[0]}` : '';
					wide.push(`<${e.tagName.toLowerCase()}${id}> до ${Math.round(b.right)}px`);
					if (wide.length >= 3) break;
				}
			}
		}
		return { viewport: vp ? vp.getAttribute('content') : null, w, scrollW, wide };
	}, page.viewportSize().width);
	if (!r.viewport || !/width\s*=\s*device-width/.test(r.viewport))
		out.push('нет <meta name="viewport" content="width=device-width, initial-scale=1">');
	if (r.scrollW > r.w + 1)
		out.push(`на экране ${r.w}px страница шириной ${r.scrollW}px прокручивается вбок: ${r.wide.join(', ') || '?'} (широкие таблицы — в контейнер с overflow-x: auto)`);
	if (shots) await page.screenshot({ path: path.join(shots, `${key}-375.png`), fullPage: true });
	out.push(...(await problems()));
	await release(page);
	return out;
}

/*
 * The lines the curator's address on the home page takes, at widths from
 * a phone's to a desktop's: broken nowhere but after «@».
 */
async function mailBreaks(ctx) {
	const { page, problems } = await open(ctx, httpUrl('index.html'));
	const out = [];
	for (let w = 360; w <= 1280 && out.length === 0; w += 15) {
		await page.setViewportSize({ width: w, height: 900 });
		const r = await page.evaluate(() => {
			const a = document.querySelector('.curator a[href^="mailto:"]');
			if (!a) return null;
			const tops = [];
			let text = '';
			const walk = document.createTreeWalker(a, NodeFilter.SHOW_TEXT);
			for (let n = walk.nextNode(); n; n = walk.nextNode()) {
				for (let i = 0; i < n.length; i++) {
					const range = document.createRange();
					range.setStart(n, i);
					range.setEnd(n, i + 1);
					const rect = range.getClientRects()[0];
					tops.push(rect ? Math.round(rect.top) : null);
					text += n.data[i];
				}
			}
			const breaks = [];
			for (let i = 1; i < tops.length; i++) if (tops[i] !== tops[i - 1]) breaks.push(i);
			return { text, breaks, at: text.indexOf('@') + 1 };
		});
		if (!r) out.push('на главной нет ссылки mailto: в блоке куратора (.curator)');
		else if (r.breaks.some((i) => i !== r.at))
			out.push(`на экране ${w}px адрес перенесён не после «@»: ${r.breaks.map((i) => `«${r.text.slice(0, i)}|${r.text.slice(i)}»`).join(', ')}`);
	}
	out.push(...(await problems()));
	await release(page);
	return out;
}

main().catch((e) => {
	console.log(`browser: сбой набора тестов: ${e && e.stack ? e.stack : e}`);
	failed++;
	process.exit(summary());
});
