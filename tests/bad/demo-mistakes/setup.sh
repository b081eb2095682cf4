# The demo school with one mistake of each kind the content model checks.
# If the demo changes so that a substitution no longer applies, the
# expected diagnostics no longer match and this case fails: update both.
set -eu
cp -R "$NV_ROOT/content" content
cd content
sub() { sed -i "$2" "$1"; }
# people.yml: a typo in a key; a published person without consent
sub people.yml '0,/^  patronymic: Ивановна$/s//  patronimic: Ивановна/'
sub people.yml '/^- id: belov-ap$/,/^$/{/^  consent: /d}'
# pairs.yml: an unknown mentor, an unknown form, a period past the academic year
sub pairs.yml '0,/^- mentor: kuznetsova-ev$/s//- mentor: kuznecova-ev/'
sub pairs.yml '0,/^  form: педагог – педагог$/s//  form: коллега – коллега/'
sub pairs.yml '0,/^  period: 01.10.2025 – 31.05.2026$/s//  period: 01.10.2025 – 30.09.2026/'
# site.yml: the curator is not in people.yml
sub site.yml 's/^  person: lebedeva-as$/  person: lebedeva-a/'
# orders: no number, an impossible date, an unknown appendix, a final full stop,
# and an order dated before the documents it approves were adopted
sub orders/o-pooshchrenii-nastavnikov.md '/^number: /d'
sub orders/o-vnedrenii.md 's/^date: 22.08.2025$/date: 31.02.2025/'
sub orders/ob-utverzhdenii-dorozhnoy-karty.md 's/^appendices: \[programma-nastavnichestva, dorozhnaya-karta-2025-2026\]$/appendices: [programma-nastavnichestva, dorozhnaya-karta-2025]/'
sub orders/o-zakreplenii-par.md 's/^\(title: .*\)$/\1./'
sub orders/ob-utverzhdenii-polozheniya.md 's/^date: 29.08.2025$/date: 25.08.2025/'
# roadmap: a term nobody can place in time, a status that does not exist
sub roadmaps/dorozhnaya-karta-2025-2026.md '0,/^        due: Август 2025$/s//        due: как только, так сразу/'
sub roadmaps/dorozhnaya-karta-2025-2026.md '0,/^        status: done$/s//        status: готово/'
# position: an approval label that does not exist
sub positions/polozhenie-pedagogi.md '0,/^  - label: СОГЛАСОВАНО$/s//  - label: СОГЛАСОВАННО/'
# page: a link to a missing heading and a link to a missing document
sub pages/kak-stat-uchastnikom.md 's/#7-motivatsiya-i-pooshchrenie-nastavnikov/#7-motivatsiya/'
sub pages/o-nastavnichestve.md 's#(../cases/inzhenernye-subboty.md)#(../cases/inzhenernye-subboty-2025.md)#'
# case: the program is an order; news: a date that does not exist
sub cases/chitaem-vmeste.md 's/^program: programma-nastavnichestva$/program: o-vnedrenii/'
sub news/2026-03-02-den-nastavnika.md 's/^date: 02.03.2026$/date: 02.13.2026/'
# two documents with one id
cp news/2025-09-15-start.md pages/2025-09-15-start.md
