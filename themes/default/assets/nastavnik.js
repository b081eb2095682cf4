/*
 * nastavnik default theme: small enhancements. Everything works without
 * this script; it only remembers the large-font mode across pages,
 * filters the case bank in place and runs the search.
 */
(function () {
	"use strict";
	var root = document.documentElement;
	root.classList.add("js");

	/* Версия для слабовидящих: a class on <html>, remembered across pages. */
	var store = null;
	try { store = window.localStorage; } catch (e) { store = null; }
	if (store && store.getItem("nv-vi") === "1") root.classList.add("vi");

	function setVi(on) {
		root.classList.toggle("vi", on);
		if (store) {
			try { store.setItem("nv-vi", on ? "1" : "0"); } catch (e) { /* private mode */ }
		}
	}

	document.addEventListener("click", function (ev) {
		var a = ev.target.closest ? ev.target.closest("[data-vi]") : null;
		if (!a) return;
		ev.preventDefault();
		setVi(a.getAttribute("data-vi") === "on");
	});

	function ready(fn) {
		if (document.readyState !== "loading") fn();
		else document.addEventListener("DOMContentLoaded", fn);
	}

	/* The case bank: hide the cards that do not match the chosen values. */
	ready(function () {
		var form = document.querySelector("[data-case-filter]");
		if (!form) return;
		var cards = Array.prototype.slice.call(document.querySelectorAll("[data-case]"));
		var count = form.querySelector(".case-count");
		function apply() {
			var want = {};
			["form", "kind", "year"].forEach(function (k) {
				var el = form.elements[k];
				want[k] = el ? el.value : "";
			});
			var shown = 0;
			cards.forEach(function (c) {
				var ok = ["form", "kind", "year"].every(function (k) {
					return !want[k] || c.getAttribute("data-" + k) === want[k];
				});
				c.hidden = !ok;
				if (ok) shown++;
			});
			if (count) count.textContent = "Показано практик: " + shown + " из " + cards.length;
		}
		/*
		 * A page of one value (data-scope: its facet) holds only that value's
		 * cards: another value of that facet is another page, gone to.
		 */
		var scope = form.getAttribute("data-scope");
		form.addEventListener("change", function (ev) {
			var el = ev.target, opt = el.options && el.options[el.selectedIndex];
			if (scope && el.name === scope && opt && opt.getAttribute("data-url")) {
				location.href = opt.getAttribute("data-url");
				return;
			}
			apply();
		});
		form.addEventListener("submit", function (ev) { ev.preventDefault(); });
		apply();
	});

	/* Search over window.NV_SEARCH_INDEX (search-index.js). */
	ready(function () {
		var form = document.querySelector("[data-search]");
		if (!form || !window.NV_SEARCH_INDEX) return;
		var input = form.querySelector("input[type=search]");
		var list = document.querySelector("[data-search-results]");
		var status = document.querySelector("[data-search-status]");
		var base = "";
		var m = /(?:^|\/)search\.html/.exec(location.pathname);
		if (!m) base = "";
		function norm(s) {
			return s.toLowerCase().replace(/ё/g, "е");
		}
		/*
		 * Text cut after a word, ended as the index ends its own cuts (add_cut()
		 * in html_feeds.c): «…» in place of a «.», «,», «;», «:» or dash there,
		 * «?..» and «!..» after «?» and «!», nothing more after «…»; a section's
		 * number left alone at the end («… · 8.», «Итог. 2.3.») goes, and a
		 * « · » between headings (before_number(), before_dot()).
		 */
		function cutMark(s) {
			s = s.replace(/\s+$/, "");
			var m = /(\S)\s+\d+(?:\.\d+)*\.$/.exec(s), t;
			if (m && /[.!?:…·]/.test(m[1])) s = s.slice(0, m.index + 1);
			if ((t = s.replace(/\s*·$/, ""))) s = t;
			if (/…$/.test(s)) return s;
			if (/[?!]$/.test(s)) return s + "..";
			return s.replace(/[.,;:]$|\s*[—–]$/, "").replace(/\s+$/, "") + "…";
		}
		function run() {
			var q = norm(input.value.trim());
			list.innerHTML = "";
			if (q.length < 2) {
				status.textContent = q ? "Введите хотя бы две буквы." : "";
				return;
			}
			var words = q.split(/\s+/);
			var hits = window.NV_SEARCH_INDEX.filter(function (p) {
				var hay = norm(p.t + " " + p.x);
				return words.every(function (w) { return hay.indexOf(w) >= 0; });
			});
			status.textContent = hits.length ? "Найдено: " + hits.length : "Ничего не найдено.";
			hits.slice(0, 50).forEach(function (p) {
				var li = document.createElement("li");
				var a = document.createElement("a");
				a.href = base + p.u;
				a.textContent = p.t;
				li.appendChild(a);
				var i = norm(p.x).indexOf(words[0]);
				if (i >= 0) {
					var snip = document.createElement("p");
					/*
					 * Whole words around the match: the excerpt starts after a space and
					 * ends before one; «…» where it cuts the text, its end by cutMark().
					 */
					var from = Math.max(0, i - 60), end = Math.min(p.x.length, from + 180);
					var after = i + words[0].length, k;
					if (from > 0 && !/\s/.test(p.x.charAt(from - 1)) && (k = p.x.slice(from, i).search(/\s/)) >= 0)
						from += k + 1;
					if (end < p.x.length && !/\s/.test(p.x.charAt(end)) && end > after &&
					    (k = p.x.slice(after, end).search(/\s\S*$/)) >= 0)
						end = after + k;
					var cut = end < p.x.length, part = p.x.slice(from, end).replace(/^\s+/, "");
					/* cut after a « · » between headings: the next one starts it */
					if (from > 0) part = part.replace(/^·\s*/, "");
					snip.textContent = (from > 0 ? "…" : "") + (cut ? cutMark(part) : part);
					li.appendChild(snip);
				}
				list.appendChild(li);
			});
		}
		input.addEventListener("input", run);
		form.addEventListener("submit", function (ev) { ev.preventDefault(); run(); });
		var q = /[?&]q=([^&]*)/.exec(location.search);
		if (q) {
			input.value = decodeURIComponent(q[1].replace(/\+/g, " "));
			run();
		}
	});
})();
