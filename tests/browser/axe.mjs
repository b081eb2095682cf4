#!/usr/bin/env node
// axe-core (WCAG 2.1 A/AA) on every page of one or more built sites, in
// three modes: 1280 px, 375 px (a phone) and the large-font mode
// («версия для слабовидящих», switched on as the theme's script remembers
// it) at 1280 px.
//
// Usage: node tests/browser/axe.mjs SITE_DIR...
//
// One headless Chromium and four tabs that go from page to page; each
// page is loaded once and checked in the three modes in turn (the window
// resized, then the class the theme's script sets for the large-font
// mode). The sites and axe-core are served over HTTP on 127.0.0.1, so
// that Chromium keeps axe-core compiled between pages (its code cache:
// injected as source, it costs a third of a second a page). A page whose bytes,
// and those of its site's stylesheet and script, were already checked in
// an earlier SITE_DIR is not checked again (the demo is also a regress
// case). One line per violation, then
//   axe: N passed, M failed
// where a test is one page in one mode; with axe each page is measured
// for what the theme must keep (layout() below). NV_CHROMIUM overrides
// /usr/bin/chromium.

import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const CHROMIUM = process.env.NV_CHROMIUM || '/usr/bin/chromium';
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
const TABS = 4;
const MODES = [
	{ name: '1280', viewport: { width: 1280, height: 900 } },
	{ name: '375', viewport: { width: 375, height: 812 } },
	{ name: 'слабовидящие', viewport: { width: 1280, height: 900 }, vi: true },
];

function fatal(msg) {
	console.log(`axe: ${msg}`);
	console.log('axe: 0 passed, 1 failed');
	process.exit(1);
}

function walkHtml(root) {
	const out = [];
	const walk = (dir) => {
		for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
			const full = path.join(dir, e.name);
			if (e.isDirectory()) walk(full);
			else if (e.isFile() && /\.html?$/i.test(e.name)) out.push(full);
		}
	};
	walk(root);
	return out.sort();
}

const hash = (...files) => {
	const h = crypto.createHash('sha256');
	for (const f of files) h.update(fs.existsSync(f) ? fs.readFileSync(f) : '');
	return h.digest('hex');
};

const MIME = { '.html': 'text/html; charset=utf-8', '.css': 'text/css', '.js': 'text/javascript', '.svg': 'image/svg+xml' };

// Serve site i under /s/i/ and axe-core as /axe.min.js (cached).
function serve(sites, axeSource) {
	const server = http.createServer((req, res) => {
		const url = decodeURIComponent(new URL(req.url, 'http://x').pathname);
		if (url === '/axe.min.js') {
			res.writeHead(200, { 'Content-Type': MIME['.js'], 'Cache-Control': 'max-age=3600' });
			return res.end(axeSource);
		}
		const m = /^\/s\/(\d+)\/(.*)$/.exec(url);
		const root = m && sites[Number(m[1])];
		const file = root && path.join(root, m[2]);
		if (!file || !file.startsWith(root + path.sep) || !fs.existsSync(file) || !fs.statSync(file).isFile()) {
			res.writeHead(404);
			return res.end();
		}
		res.writeHead(200, { 'Content-Type': MIME[path.extname(file)] || 'application/octet-stream' });
		fs.createReadStream(file).pipe(res);
	});
	return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

// The pages to check: [{file, url, label}], the same bytes only once.
function pagesOf(sites) {
	const seen = new Set();
	const out = [];
	for (const [i, site] of sites.entries()) {
		const assets = ['style.css', 'custom.css', 'nastavnik.js'].map((f) => path.join(site, 'assets', f));
		const label = path.basename(path.dirname(site)) || site;
		for (const file of walkHtml(site)) {
			const key = hash(file, ...assets);
			if (seen.has(key)) continue;
			seen.add(key);
			const rel = path.relative(site, file).split(path.sep);
			out.push({ file, url: `/s/${i}/${rel.map(encodeURIComponent).join('/')}`, label: `${label}/${rel.join('/')}` });
		}
	}
	return out;
}

// axe on the page loaded in PAGE: one line per violation and node.
async function check(page, origin) {
	if (!(await page.evaluate(() => typeof window.axe === 'object'))) await page.addScriptTag({ url: `${origin}/axe.min.js` });
	const res = await page.evaluate(
		(tags) => window.axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] }),
		AXE_TAGS,
	);
	const out = [];
	for (const v of res.violations)
		for (const n of v.nodes.slice(0, 3)) out.push(`${v.id}: ${v.help} — ${n.target.join(' ')}`);
	return out;
}

// What the theme must keep in every mode, measured in the page: one line
// per problem.
//  - an item of a loose list in an order (<li><p>…) has its number on the
//    first line of its text, not on a line of its own;
//  - approval blocks end where their last block ends (no blank space
//    under them, as flex-basis gave when the sides stack at 375 px);
//  - a requisite kept whole (.nobr) is on one line, unless it is wider than
//    the line it is in.
function layout() {
	const out = [];
	const where = (e) => `${e.tagName.toLowerCase()} «${e.textContent.trim().replace(/\s+/g, ' ').slice(0, 40)}»`;
	for (const p of document.querySelectorAll('.order-items li > p:first-child')) {
		const li = p.parentElement;
		const text = document.createTreeWalker(p, NodeFilter.SHOW_TEXT, (t) => (t.data.trim() ? NodeFilter.FILTER_ACCEPT : NodeFilter.FILTER_SKIP)).nextNode();
		if (!text) continue;
		const r = document.createRange();
		r.setStart(text, 0);
		r.setEnd(text, 1);
		const first = r.getBoundingClientRect();
		if (first.top - li.getBoundingClientRect().top > first.height)
			out.push(`номер пункта стоит на отдельной строке над текстом: ${where(p)}`);
	}
	for (const box of document.querySelectorAll('.approvals')) {
		let end = -Infinity;
		let lastBlock = null;
		for (const b of box.querySelectorAll('.approval')) {
			const bottom = b.getBoundingClientRect().bottom + parseFloat(getComputedStyle(b).marginBottom);
			if (bottom > end) [end, lastBlock] = [bottom, b];
		}
		const gap = box.getBoundingClientRect().bottom - end;
		if (lastBlock && gap > 2) out.push(`под блоками грифов пустое место ${Math.round(gap)} px: ${where(lastBlock)}`);
	}
	for (const e of document.querySelectorAll('.nobr')) {
		const r = document.createRange();
		r.selectNodeContents(e);
		const tops = new Set([...r.getClientRects()].map((x) => Math.round(x.top)));
		const line = e.parentElement.getBoundingClientRect().width;
		if (tops.size > 1 && e.getBoundingClientRect().width < line - 1) out.push(`реквизит разорван между строками: ${where(e)}`);
	}
	return out;
}

async function main() {
	const sites = process.argv.slice(2).map((s) => path.resolve(s));
	if (sites.length === 0) fatal('использование: node tests/browser/axe.mjs SITE_DIR...');
	for (const s of sites)
		if (!fs.existsSync(path.join(s, 'index.html'))) fatal(`нет ${path.join(s, 'index.html')}: сначала соберите сайт`);
	let chromium;
	let axeSource;
	try {
		({ chromium } = await import('playwright-core'));
		axeSource = fs.readFileSync(path.join(HERE, 'node_modules', 'axe-core', 'axe.min.js'), 'utf8');
	} catch {
		fatal('нет пакетов npm в tests/browser/node_modules (playwright-core, axe-core): выполните sh scripts/deps.sh');
	}
	const started = Date.now();
	const pages = pagesOf(sites);
	const server = await serve(sites, axeSource);
	const origin = `http://127.0.0.1:${server.address().port}`;
	let passed = 0;
	let failed = 0;
	const browser = await chromium.launch({
		executablePath: CHROMIUM,
		headless: true,
		args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
		timeout: 60000,
	});
	try {
		const ctx = await browser.newContext({ locale: 'ru-RU', viewport: MODES[0].viewport });
		// Nothing from outside: the site must not need the network.
		await ctx.route((u) => !u.href.startsWith(`${origin}/`) && !/^(data|blob|about):/.test(u.href), (r) => r.abort('blockedbyclient'));
		let next = 0;
		const tab = async () => {
			const page = await ctx.newPage();
			while (next < pages.length) {
				const p = pages[next++];
				for (const mode of MODES) {
					let problems;
					try {
						if (mode === MODES[0]) await page.goto(origin + p.url, { waitUntil: 'load', timeout: 20000 });
						await page.setViewportSize(mode.viewport);
						if (mode.vi) await page.evaluate(() => document.documentElement.classList.add('vi'));
						problems = [...(await page.evaluate(layout)), ...(await check(page, origin))];
					} catch (e) {
						problems = [`исключение: ${String(e && e.message ? e.message : e).split('\n')[0]}`];
					}
					if (problems.length === 0) passed++;
					else {
						failed++;
						for (const m of problems) console.log(`axe/${mode.name} ${p.label}: ${m}`);
					}
				}
			}
			await page.close();
		};
		await Promise.all(Array.from({ length: TABS }, tab));
		await ctx.close();
	} finally {
		await browser.close();
		server.close();
	}
	console.log(`axe: страниц ${pages.length} × ${MODES.length} режима, ${((Date.now() - started) / 1000).toFixed(1)} с`);
	console.log(`axe: ${passed} passed, ${failed} failed`);
	process.exit(failed > 0 ? 1 : 0);
}

main().catch((e) => fatal(`сбой: ${e && e.stack ? e.stack : e}`));
