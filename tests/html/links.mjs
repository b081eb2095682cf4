#!/usr/bin/env node
// Link checker of a generated site (Node.js built-ins only).
//
// Usage: node tests/html/links.mjs SITE_DIR
//
// Every href, src, srcset, poster, action… of every HTML page, every url()
// of every stylesheet and the "url"/"href" fields of every .json file:
//   - a relative reference must resolve to an existing file in SITE_DIR
//     (query stripped); a reference to a folder is an error, since from
//     file:// it shows a file listing, not index.html;
//   - #anchor: the target page must have id="anchor" (or <a name>);
//   - a path starting with / is an error: the site must work under any
//     sub-path and from file://; so is <base>;
//   - resources (images, scripts, styles, fonts, frames) must be local;
//     external http(s) links of <a>/<area> are listed, not fetched.
// One test per file; ends with exactly
//   links: N passed, M failed

import fs from 'node:fs';
import path from 'node:path';

const site = process.argv[2];
function fatal(msg) {
	console.log(`links: ${msg}`);
	console.log('links: 0 passed, 1 failed');
	process.exit(1);
}
if (!site) fatal('использование: node tests/html/links.mjs SITE_DIR');
if (!fs.existsSync(site) || !fs.statSync(site).isDirectory()) fatal(`нет папки ${site}: сначала соберите сайт (nastavnik build)`);
const ROOT = path.resolve(site);

function walk(dir, out = []) {
	for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
		const full = path.join(dir, e.name);
		if (e.isDirectory()) walk(full, out);
		else if (e.isFile()) out.push(path.relative(ROOT, full).split(path.sep).join('/'));
	}
	return out;
}
const files = walk(ROOT).sort();
const fileSet = new Set(files);
const dirSet = new Set();
for (const f of files) for (let d = path.posix.dirname(f); d !== '.'; d = path.posix.dirname(d)) dirSet.add(d);

const ENTITIES = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };
const decodeEntities = (s) =>
	s.replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/gi, (m, e) => {
		if (e[0] === '#') {
			const n = e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
			return Number.isFinite(n) ? String.fromCodePoint(n) : m;
		}
		return ENTITIES[e.toLowerCase()] ?? m;
	});

// Tags of an HTML text: {name, attrs (Map, names lower-cased), pos}, with
// comments skipped and the text of <script>/<style> given as `text`.
function* tags(html) {
	let i = 0;
	while (i < html.length) {
		const lt = html.indexOf('<', i);
		if (lt < 0) return;
		if (html.startsWith('<!--', lt)) {
			const end = html.indexOf('-->', lt + 4);
			i = end < 0 ? html.length : end + 3;
			continue;
		}
		if (!/[a-zA-Z]/.test(html[lt + 1] || '')) {
			i = lt + 1;
			continue;
		}
		let j = lt + 1;
		while (j < html.length && /[^\s/>]/.test(html[j])) j++;
		const name = html.slice(lt + 1, j).toLowerCase();
		const attrs = new Map();
		for (;;) {
			while (j < html.length && /[\s/]/.test(html[j])) j++;
			if (j >= html.length || html[j] === '>') break;
			let k = j;
			while (k < html.length && /[^\s/>=]/.test(html[k])) k++;
			const an = html.slice(j, k).toLowerCase();
			j = k;
			while (/\s/.test(html[j] || '')) j++;
			let value = '';
			if (html[j] === '=') {
				j++;
				while (/\s/.test(html[j] || '')) j++;
				const q = html[j];
				if (q === '"' || q === "'") {
					const end = html.indexOf(q, j + 1);
					value = html.slice(j + 1, end < 0 ? html.length : end);
					j = end < 0 ? html.length : end + 1;
				} else {
					k = j;
					while (k < html.length && /[^\s>]/.test(html[k])) k++;
					value = html.slice(j, k);
					j = k;
				}
			}
			if (an && !attrs.has(an)) attrs.set(an, decodeEntities(value));
		}
		i = j + 1;
		let text = null;
		if (name === 'script' || name === 'style') {
			const end = html.toLowerCase().indexOf(`</${name}`, i);
			text = html.slice(i, end < 0 ? html.length : end);
			i = end < 0 ? html.length : end;
		}
		yield { name, attrs, pos: lt, text };
	}
}

const idCache = new Map();
function idsOf(rel) {
	if (!idCache.has(rel)) {
		const ids = new Set();
		for (const t of tags(fs.readFileSync(path.join(ROOT, rel), 'utf8'))) {
			if (t.attrs.has('id')) ids.add(t.attrs.get('id'));
			if (t.name === 'a' && t.attrs.has('name')) ids.add(t.attrs.get('name'));
		}
		idCache.set(rel, ids);
	}
	return idCache.get(rel);
}

const external = new Map(); // url → first page
let passed = 0;
let failed = 0;

// Check reference REF found in file FROM (site-relative). KIND: 'link' for
// navigation (<a>, <area>), 'resource' for what the page loads. Returns an
// error message or null.
function check(ref, from, kind) {
	const v = ref.trim();
	if (v === '') return 'пустая ссылка';
	if (v.startsWith('#')) {
		if (v === '#' || !/\.html?$/i.test(from)) return null;
		let id;
		try {
			id = decodeURIComponent(v.slice(1));
		} catch {
			return `${v}: неверная %-последовательность`;
		}
		return idsOf(from).has(id) ? null : `${v}: на этой же странице нет id="${id}"`;
	}
	if (v.startsWith('//') || /^https?:/i.test(v)) {
		if (kind === 'resource') return `${v}: внешний ресурс (шрифты, стили, скрипты, картинки — только свои, без CDN)`;
		if (!external.has(v)) external.set(v, from);
		return null;
	}
	const scheme = /^([a-zA-Z][a-zA-Z0-9+.-]*):/.exec(v);
	if (scheme) {
		const s = scheme[1].toLowerCase();
		if (s === 'mailto' || s === 'tel') return v.length > s.length + 1 ? null : `${v}: пустой адрес`;
		if (s === 'data') return null;
		if (s === 'javascript') return `${v}: ссылка javascript: не работает без скрипта`;
		if (s === 'file') return `${v}: ссылка на файл этого компьютера`;
		if (!external.has(v)) external.set(v, from);
		return null;
	}
	if (v.startsWith('/')) return `${v}: путь от корня сервера; нужна относительная ссылка (раздел может лежать в любой папке и открываться с диска)`;
	const m = /^([^?#]*)(\?[^#]*)?(#.*)?$/.exec(v);
	let p;
	try {
		p = decodeURIComponent(m[1]);
	} catch {
		return `${v}: неверная %-последовательность`;
	}
	if (p === '') return m[3] ? check(m[3], from, kind) : null;
	const target = path.posix.normalize(path.posix.join(path.posix.dirname(from), p));
	if (target === '..' || target.startsWith('../')) return `${v}: ведёт за пределы сайта`;
	if (p.endsWith('/') || target === '.' || dirSet.has(target))
		return `${v}: ссылка на папку; с диска (file://) откроется список файлов — нужно ${path.posix.join(p, 'index.html')}`;
	if (!fileSet.has(target)) return `${v}: нет файла ${target}`;
	if (m[3] && m[3] !== '#' && /\.html?$/i.test(target)) {
		let id;
		try {
			id = decodeURIComponent(m[3].slice(1));
		} catch {
			return `${v}: неверная %-последовательность`;
		}
		if (!idsOf(target).has(id)) return `${v}: в ${target} нет id="${id}"`;
	}
	return null;
}

// url(...) and @import "…" of a stylesheet text.
function cssRefs(css) {
	const out = [];
	const text = css.replace(/\/\*[\s\S]*?\*\//g, '');
	for (const m of text.matchAll(/url\(\s*(?:"([^"]*)"|'([^']*)'|([^)]*?))\s*\)/gi)) out.push(m[1] ?? m[2] ?? m[3]);
	for (const m of text.matchAll(/@import\s+(?:"([^"]*)"|'([^']*)')/gi)) out.push(m[1] ?? m[2]);
	return out.filter((r) => !/^#/.test(r)); // url(#gradient) in SVG paint
}

const RESOURCE_ATTRS = {
	img: ['src', 'srcset'], script: ['src'], iframe: ['src'], embed: ['src'], source: ['src', 'srcset'],
	audio: ['src'], video: ['src', 'poster'], track: ['src'], input: ['src'], object: ['data'],
};

function checkHtml(rel) {
	const html = fs.readFileSync(path.join(ROOT, rel), 'utf8');
	const lineStarts = [0];
	for (let i = 0; i < html.length; i++) if (html[i] === '\n') lineStarts.push(i + 1);
	const lineOf = (pos) => {
		let lo = 0;
		let hi = lineStarts.length - 1;
		while (lo < hi) {
			const mid = (lo + hi + 1) >> 1;
			if (lineStarts[mid] <= pos) lo = mid;
			else hi = mid - 1;
		}
		return lo + 1;
	};
	const errors = [];
	const report = (pos, msg) => msg && errors.push(`links/${rel}:${lineOf(pos)}: ${msg}`);
	for (const t of tags(html)) {
		const a = t.attrs;
		if (t.name === 'base') report(t.pos, '<base> меняет все относительные ссылки страницы; не используйте его');
		if ((t.name === 'a' || t.name === 'area') && a.has('href')) report(t.pos, check(a.get('href'), rel, 'link'));
		if (t.name === 'link' && a.has('href')) {
			// rel=alternate/canonical may be absolute (--base-url); stylesheets, icons… are loaded.
			const relAttr = (a.get('rel') || '').toLowerCase().split(/\s+/);
			const loads = !relAttr.some((r) => ['alternate', 'canonical', 'author', 'license', 'help', 'next', 'prev', 'search'].includes(r));
			report(t.pos, check(a.get('href'), rel, loads ? 'resource' : 'link'));
		}
		for (const an of RESOURCE_ATTRS[t.name] || []) {
			if (!a.has(an)) continue;
			if (an === 'srcset') {
				for (const part of a.get(an).split(',')) {
					const u = part.trim().split(/\s+/)[0];
					if (u) report(t.pos, check(u, rel, 'resource'));
				}
			} else {
				report(t.pos, check(a.get(an), rel, 'resource'));
			}
		}
		if (t.name === 'form' && a.has('action')) report(t.pos, check(a.get('action'), rel, 'link'));
		if ((t.name === 'button' || t.name === 'input') && a.has('formaction')) report(t.pos, check(a.get('formaction'), rel, 'link'));
		if (t.name === 'use' || t.name === 'image' || t.name === 'feimage') {
			const h = a.get('href') ?? a.get('xlink:href');
			if (h !== undefined) report(t.pos, check(h, rel, 'resource'));
		}
		if (t.name === 'meta' && (a.get('http-equiv') || '').toLowerCase() === 'refresh') {
			const m = /url\s*=\s*['"]?([^'"]+)/i.exec(a.get('content') || '');
			if (m) report(t.pos, check(m[1], rel, 'link'));
		}
		if (a.has('style')) for (const u of cssRefs(a.get('style'))) report(t.pos, check(u, rel, 'resource'));
		if (t.name === 'style' && t.text) for (const u of cssRefs(t.text)) report(t.pos, check(u, rel, 'resource'));
	}
	return errors;
}

function checkCss(rel) {
	return cssRefs(fs.readFileSync(path.join(ROOT, rel), 'utf8'))
		.map((u) => [u, check(u, rel, 'resource')])
		.filter(([, e]) => e)
		.map(([, e]) => `links/${rel}: ${e}`);
}

// URL-like fields of a JSON file (search index…), relative to the file.
function checkJson(rel) {
	let data;
	try {
		data = JSON.parse(fs.readFileSync(path.join(ROOT, rel), 'utf8'));
	} catch {
		return []; // reported by tests/html/run.sh
	}
	const errors = [];
	const visit = (x, where) => {
		if (Array.isArray(x)) x.forEach((y, i) => visit(y, `${where}[${i}]`));
		else if (x && typeof x === 'object') {
			for (const [k, y] of Object.entries(x)) {
				if (typeof y === 'string' && /^(url|href|link|path|u)$/i.test(k)) {
					const e = check(y, rel, 'link');
					if (e) errors.push(`links/${rel} ${where}.${k}: ${e}`);
				} else visit(y, `${where}.${k}`);
			}
		}
	};
	visit(data, '$');
	return errors;
}

for (const f of files) {
	let errors;
	if (/\.html?$/i.test(f)) errors = checkHtml(f);
	else if (/\.css$/i.test(f)) errors = checkCss(f);
	else if (/\.json$/i.test(f)) errors = checkJson(f);
	else continue;
	if (errors.length === 0) {
		passed++;
	} else {
		failed++;
		for (const e of errors.slice(0, 30)) console.log(e);
		if (errors.length > 30) console.log(`links/${f}: … и ещё ${errors.length - 30}`);
	}
}
if (external.size) {
	console.log(`links: внешних ссылок ${external.size} (не проверялись):`);
	for (const [u, from] of [...external].sort()) console.log(`links:   ${u} (${from})`);
}
console.log(`links: ${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
