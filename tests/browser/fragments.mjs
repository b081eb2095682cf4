#!/usr/bin/env node
// Fragments (`nastavnik build --fragment`) as a school's CMS shows them:
// each file pasted into a bare page, with no stylesheet and no script, in
// headless Debian Chromium (playwright-core). What a reader sees there —
// the page's innerText — must read as the document: the order's date and
// number apart, the place below, the items numbered as on paper (3.1.),
// the signature with space between the position and the name, approval
// blocks line by line; every link absolute.
//
// Usage: node tests/browser/fragments.mjs FRAGMENT_SITE_DIR [SHOT_DIR]
//
// FRAGMENT_SITE_DIR is output/site of a build of the demo school with
// --fragment. One line per failure, then exactly
//   fragments: N passed, M failed
// and exit code 1 when M > 0. SHOT_DIR, when given, receives a full-page
// screenshot (800 px wide) of each fragment checked: fragment-KEY.png.

import fs from 'node:fs';
import path from 'node:path';

const CHROMIUM = process.env.NV_CHROMIUM || '/usr/bin/chromium';
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run',
	'--disable-background-networking', '--disable-component-update', '--disable-sync'];

// The fragments checked, and what their text must show (regular
// expressions over innerText, which has a line break between blocks).
const CHECKS = {
	order: {
		file: 'orders/o-vnedrenii.html',
		want: [
			[/^ПРИКАЗ$/m, 'слово «ПРИКАЗ» отдельной строкой'],
			[/^22\.08\.2025\s+№\s112-од$/m, 'дата и номер приказа через пробел: «22.08.2025 № 112-од»'],
			[/^22\.08\.2025.*\n+г\. Верхнеозёрск$/m, 'место издания строкой ниже даты и номера'],
			[/^ПРИКАЗЫВАЮ:$/m, '«ПРИКАЗЫВАЮ:» отдельной строкой'],
			[/^3\. Возложить на куратора:\n+3\.1\. организацию/m, 'пункт 3 и подпункт «3.1.» номерами-текстом'],
			[/^3\.5\. ведение раздела/m, 'подпункт «3.5.»'],
			[/^4\.1\. /m, 'подпункт «4.1.»: нумерация не начинается заново'],
			[/^Директор\s{2,}И\.В\.\s?Соколова$/m, 'подпись «Директор … И.В. Соколова» с отступом между должностью и именем'],
		],
		not: [[/^1\. организацию/m, 'подпункты пронумерованы заново с 1']],
	},
	appendices: {
		file: 'orders/ob-utverzhdenii-polozheniya.html',
		want: [
			[/^29\.08\.2025\s+№\s118-од$/m, 'дата и номер приказа через пробел'],
			[/^Приложения$/m, 'заголовок «Приложения»'],
			[/^Приложение №\s1: Положение о наставничестве педагогических работников/m, 'приложение № 1 со ссылкой'],
			[/^Приложение №\s2: Положение о наставничестве обучающихся/m, 'приложение № 2 со ссылкой'],
		],
	},
	pairs: {
		file: 'orders/o-zakreplenii-par.html',
		want: [
			[/^2\.1\. до 15\.10\.2025/m, 'подпункт «2.1.»'],
			[/^Приложение №\s1\. Состав наставнических пар и групп$/m, 'приложение — таблица пар'],
			[/^№\tНаставник\tНаставляемые/m, 'таблица пар с заголовками столбцов'],
		],
	},
	position: {
		file: 'positions/polozhenie-pedagogi.html',
		want: [
			[/^ПРИНЯТО\nпедагогическим советом\nпротокол от 28\.08\.2025 №\s1$/m, 'гриф «ПРИНЯТО» построчно'],
			[/^СОГЛАСОВАНО\nпрофсоюзным комитетом первичной профсоюзной организации\nпротокол от 27\.08\.2025 №\s4$/m, 'гриф «СОГЛАСОВАНО» построчно'],
			[/^УТВЕРЖДЕНО\nприказом МАОУ «СОШ №\s14»\nот 29\.08\.2025 №\s118-од$/m, 'гриф «УТВЕРЖДЕНО» построчно'],
			[/^1\.1\. Настоящее положение/m, 'пункт «1.1.»'],
		],
	},
	roadmap: {
		file: 'roadmaps/dorozhnaya-karta-2025-2026.html',
		want: [
			[/^УТВЕРЖДЕН[ОАЫ]?\n/m, 'гриф «УТВЕРЖДЕНО» отдельной строкой'],
			[/^№\sп\/п\tМероприятие\tСрок\tОтветственный/m, 'таблица мероприятий с заголовками'],
			[/^1\. .+\n1\.1\.\t/m, 'раздел «1.» и мероприятие «1.1.»'],
			[/^Мероприятия в календарь/m, 'ссылка на календарь'],
		],
	},
};

let passed = 0;
let failed = 0;

function fatal(msg) {
	console.log(`fragments: ${msg}`);
	console.log('fragments: 0 passed, 1 failed');
	process.exit(1);
}

// A fragment as a CMS page holds it: a bare document, nothing else.
function cmsPage(html) {
	return `<!DOCTYPE html><html lang="ru"><head><meta charset="utf-8"><title>Страница школы</title></head><body>\n${html}\n</body></html>`;
}

async function check(browser, key, spec, site, shots) {
	const problems = [];
	const file = path.join(site, spec.file);
	if (!fs.existsSync(file)) return [`нет фрагмента ${spec.file}`];
	const html = fs.readFileSync(file, 'utf8');
	if (/<(html|head|body|script|style|link)\b/i.test(html)) problems.push('во фрагменте есть html/head/body, скрипт или стиль');
	const ctx = await browser.newContext({ viewport: { width: 800, height: 900 }, locale: 'ru-RU', javaScriptEnabled: false });
	// No request may leave the page: a fragment loads nothing by itself.
	const requests = [];
	await ctx.route('**/*', (r) => { requests.push(r.request().url()); r.abort('blockedbyclient'); });
	const page = await ctx.newPage();
	await page.setContent(cmsPage(html), { waitUntil: 'load' });
	// No-break spaces (the typography pass) read as spaces.
	const text = (await page.evaluate(() => document.body.innerText)).replace(/\u00a0/g, " ");
	const hrefs = await page.evaluate(() => [...document.querySelectorAll('[href], [src]')]
		.map((e) => e.getAttribute('href') ?? e.getAttribute('src')));
	for (const [re, what] of spec.want) if (!re.test(text)) problems.push(`нет: ${what}`);
	for (const [re, what] of spec.not || []) if (re.test(text)) problems.push(what);
	const relative = hrefs.filter((h) => !/^(https?:\/\/|#|mailto:|tel:)/.test(h));
	if (relative.length) problems.push(`относительные ссылки: ${relative.slice(0, 3).join(' ')}`);
	const own = hrefs.filter((h) => /^https?:\/\//.test(h) && h.includes('/nastavnichestvo/'));
	if (!own.length && /href=/.test(html)) problems.push('нет ни одной полной ссылки на раздел');
	if (requests.length) problems.push(`фрагмент что-то загружает: ${requests[0]}`);
	if (shots) await page.screenshot({ path: path.join(shots, `fragment-${key}.png`), fullPage: true });
	if (problems.length && process.env.NV_FRAGMENT_TEXT === '1') console.log(text);
	await ctx.close();
	return problems;
}

async function main() {
	const [site, shots] = process.argv.slice(2);
	if (!site || !fs.existsSync(site)) fatal('использование: node tests/browser/fragments.mjs ПАПКА_ФРАГМЕНТОВ [ПАПКА_СНИМКОВ]');
	if (fs.existsSync(path.join(site, 'search.html'))) fatal(`${site}/search.html: это не сборка с --fragment`);
	if (shots) fs.mkdirSync(shots, { recursive: true });
	let chromium;
	try {
		({ chromium } = await import('playwright-core'));
	} catch {
		fatal('нет пакетов npm в tests/browser/node_modules (playwright-core): выполните sh scripts/deps.sh');
	}
	const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS, timeout: 60000 });
	try {
		for (const [key, spec] of Object.entries(CHECKS)) {
			let problems;
			try {
				problems = await check(browser, key, spec, site, shots);
			} catch (e) {
				problems = [String(e && e.message || e)];
			}
			if (problems.length) {
				failed++;
				for (const p of problems) console.log(`fragments/${key} (${spec.file}): ${p}`);
			} else {
				passed++;
			}
		}
	} finally {
		await browser.close();
	}
	console.log(`fragments: ${passed} passed, ${failed} failed`);
	process.exit(failed > 0 ? 1 : 0);
}

main();
