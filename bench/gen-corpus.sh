#!/bin/sh
# Write a deterministic corpus of N Russian documents (orders, cases,
# news) with front matter into DIR/content. Usage: gen-corpus.sh DIR N
set -eu
dir=$1
n=$2
mkdir -p "$dir/content/orders" "$dir/content/cases" "$dir/content/news"
# The organisation and its people come from the demo school.
root=$(cd "$(dirname "$0")/.." && pwd)
cp "$root/content/site.yml" "$root/content/people.yml" "$dir/content/"
awk -v dir="$dir/content" -v n="$n" 'BEGIN {
	split("учитель – учитель|ученик – ученик|студент – ученик|работодатель – ученик|педагог – педагог", forms, "|");
	split("сентября|октября|ноября|декабря|января|февраля|марта|апреля|мая", months, "|");
	for (i = 1; i <= n; i++) {
		kind = i % 3;
		day = (i % 28) + 1; mon = (i % 9) + 1;
		if (kind == 0) {
			f = sprintf("%s/orders/prikaz-%05d.md", dir, i);
			printf "---\ntitle: О закреплении наставнических пар № %d\nnumber: %d-од\ndate: %02d.%02d.2025\nplace: г. Верхнеозёрск\nsignatory: sokolova-iv\nappendices: [pairs]\nacquaint: [lebedeva-as, orlova-tn]\n---\n", i, i, day, (mon + 8) % 12 + 1 > f;
			printf "1. Закрепить наставнические пары согласно приложению.\n2. Наставникам составить \"индивидуальные планы\" до %d %s 2025 г.\n3. Контроль за исполнением приказа оставляю за собой.\n", day, months[mon] > f;
		} else if (kind == 1) {
			f = sprintf("%s/cases/keys-%05d.md", dir, i);
			printf "---\ntitle: \"Кейс № %d: адаптация молодого специалиста\"\nform: %s\nkind: традиционное\nyear: 2025–2026\nauthors: [orlova-tn]\ntags: [адаптация, методика]\n---\n", i, forms[(i % 5) + 1] > f;
			printf "## Проблема\n\nМолодой педагог испытывал трудности с дисциплиной на уроке -- типичная ситуация.\n\n## Решение\n\nНаставник И. О. Фамилия провёл %d открытых уроков, разобрал с наставляемым \"сложные\" случаи.\n\n## Результат\n\n- доля уроков без замечаний выросла до %d %%;\n- наставляемый выступил на педсовете № %d.\n", i % 10 + 2, 60 + i % 40, i % 7 + 1 > f;
		} else {
			f = sprintf("%s/news/novost-%05d.md", dir, i);
			printf "---\ntitle: Встреча наставников № %d\ndate: %02d.%02d.2025\n---\nВ школе прошла встреча наставнических пар. Обсудили планы на %d %s 2025 г. и итоги \"Недели наставничества\".\n", i, day, (mon + 8) % 12 + 1, day, months[mon] > f;
		}
		close(f);
	}
}'
